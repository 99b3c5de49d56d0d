using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Connections;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql;

// Running statements: the query plan, retries, re-preparing, paging, and reading results.
public sealed partial class CqlSession
{
    private const int MaxReprepares = 2;
    private const int MaxStaleConnections = 3;

    /// <summary>Runs a CQL text with positional values (types inferred from the .NET values).</summary>
    public Task<CqlResult> ExecuteAsync(string query, params object?[] values) => ExecuteAsync(new SimpleStatement(query, values));

    /// <summary>
    /// Runs a statement and returns its result (the first page for queries; see <see cref="QueryAsync(CqlStatement, CancellationToken)"/>
    /// for all rows). Server errors are thrown as their <see cref="CqlServerException"/> subclass.
    /// </summary>
    public async Task<CqlResult> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var plan = _balancer.Plan(_hosts, Replicas(statement));
        Dictionary<string, Exception>? errors = null;
        var timeout = statement.Timeout ?? _options.RequestTimeout;
        var retryPolicy = statement.RetryPolicy ?? _options.RetryPolicy;
        var hostIndex = 0;
        var attempt = 0;
        var reprepares = 0;
        var unreachable = 0;
        var staleConnections = 0;
        while (true)
        {
            if (plan.Count == 0 || unreachable >= plan.Count)
            {
                throw new NoHostAvailableException(errors ?? new Dictionary<string, Exception>());
            }

            var host = plan[hostIndex % plan.Count];
            CqlConnection connection;
            try
            {
                connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not BadCredentialsException && ex is not CqlAuthenticationException)
            {
                // Nothing was sent: moving to the next node is always safe.
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
                hostIndex++;
                unreachable++;
                continue;
            }

            try
            {
                await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
                var prepared = (statement as BoundStatement)?.Prepared.Current;
                var request = StatementRequests.Build(statement, _options, prepared);
                var response = await connection.SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
                var result = ReadResult(response, prepared?.ResultMetadata, connection);
                if (result.Kind == ResultKind.SchemaChange && _options.SchemaAgreementTimeout > TimeSpan.Zero)
                {
                    // The other nodes learn of the change by gossip: wait until they have it, so the next statement
                    // (on any node) sees the new table.
                    result.SchemaAgreement = await WaitForSchemaAgreementAsync(_options.SchemaAgreementTimeout, cancellationToken).ConfigureAwait(false);
                    result.SchemaInAgreement = result.SchemaAgreement.IsReached;
                }

                return result;
            }
            catch (CqlConnectionException ex) when (ex.RequestNotSent && staleConnections < MaxStaleConnections && !cancellationToken.IsCancellationRequested)
            {
                // The connection had died before the statement went out; the pool replaces it, so try again at once.
                staleConnections++;
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
            }
            catch (UnpreparedException) when (reprepares < MaxReprepares && !cancellationToken.IsCancellationRequested)
            {
                reprepares++;
                await PrepareAgainAsync(connection, statement, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ResultMetadataChangedException) when (statement.IsRead && reprepares < MaxReprepares && !cancellationToken.IsCancellationRequested)
            {
                // The node answered with other columns than prepared (and did not say UNPREPARED): a read runs
                // again with the statement's fresh metadata.
                reprepares++;
                await PrepareAgainAsync(connection, statement, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && retryPolicy.ShouldRetry(statement, ex, ++attempt))
            {
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
                unreachable = 0;
                await Task.Delay(retryPolicy.GetDelay(attempt), cancellationToken).ConfigureAwait(false);
                if (ex is not ReadTimeoutException && ex is not WriteTimeoutException)
                {
                    hostIndex++;
                }
            }
        }
    }

    /// <summary>
    /// Runs a query and streams all its rows, page after page; the next page is requested while the current one is
    /// being read. Empty pages that carry a paging state (a range ending on its last row, pages of a filtering scan
    /// that matched nothing) are followed to the end.
    /// </summary>
    public async IAsyncEnumerable<CqlRow> QueryAsync(CqlStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (statement is BatchStatement)
        {
            throw new ArgumentException("A batch returns no rows to page through.", nameof(statement));
        }

        var first = await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        var page = first.Rows;
        while (page != null)
        {
            var next = page.PagingState == null
                ? null
                : ExecuteAsync(statement.CopyForPage(page.PagingState), cancellationToken);
            try
            {
                for (var i = 0; i < page.Count; i++)
                {
                    yield return page[i];
                }
            }
            finally
            {
                // When the caller stops early, the prefetched page is dropped; observe its failure so it is not rethrown later.
                if (next != null && !next.IsCompleted)
                {
                    next.Forget();
                }
            }

            var previous = page;
            page = next == null ? null : (await next.ConfigureAwait(false)).Rows;
            if (page != null && page.Count == 0 && page.PagingState != null && SamePagingState(page.PagingState, previous.PagingState))
            {
                // An empty page is normal (a range ending on its last row, a filtering scan), but one that hands back
                // the state it was asked with would be asked for forever.
                throw new CqlProtocolException($"The node answered an empty page with the paging state it was given, so paging would never end: {statement.Describe()}");
            }
        }
    }

    private static bool SamePagingState(byte[] a, byte[]? b) => b != null && a.AsSpan().SequenceEqual(b);

    /// <summary>Streams the rows of a CQL text with positional values.</summary>
    public IAsyncEnumerable<CqlRow> QueryAsync(string query, params object?[] values) => QueryAsync(new SimpleStatement(query, values));

    private async Task EnsureKeyspaceAsync(CqlConnection connection, CancellationToken cancellationToken)
    {
        var keyspace = _keyspace;
        if (keyspace == null || connection.Keyspace == keyspace)
        {
            return;
        }

        await connection.UseKeyspaceAsync(keyspace, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }

    private CqlResult ReadResult(CqlResponse response, RowsMetadata? knownMetadata, CqlConnection connection)
    {
        if (response.Header.Opcode != Opcode.Result)
        {
            throw new CqlProtocolException($"{connection.Host}: expected RESULT, got {response.Header.Opcode}.");
        }

        var reader = response.CreateReader();
        var kind = (ResultKind)reader.ReadInt();
        var result = new CqlResult(kind, connection.Host)
        {
            Warnings = response.Warnings,
            CustomPayload = response.CustomPayload,
            TracingId = response.TracingId,
        };
        switch (kind)
        {
            case ResultKind.Void:
                break;
            case ResultKind.Rows:
                result.Rows = CqlRowSet.Read(ref reader, response.Body, knownMetadata);
                break;
            case ResultKind.SetKeyspace:
                result.Keyspace = reader.ReadString();
                _keyspace = result.Keyspace;
                connection.Keyspace = result.Keyspace;
                break;
            case ResultKind.Prepared:
                result.Prepared = PreparedResult.Read(ref reader);
                break;
            case ResultKind.SchemaChange:
                result.SchemaChange = SchemaChange.Read(ref reader);
                _schemaStale = true;
                if (result.SchemaChange.Target == SchemaChangeTarget.Keyspace)
                {
                    LoadReplicationAsync(_disposed.Token).Forget();
                }

                break;
            default:
                throw new CqlProtocolException($"{connection.Host}: unknown RESULT kind {(int)kind}.");
        }

        return result;
    }
}
