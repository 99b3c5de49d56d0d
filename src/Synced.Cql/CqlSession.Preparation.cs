using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Connections;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql;

// Prepared statements: one per query text and keyspace, prepared on every node that is up.
public sealed partial class CqlSession
{
    private readonly ConcurrentDictionary<string, Task<PreparedStatement>> _prepared = new(StringComparer.Ordinal);

    /// <summary>Prepares a statement (once per query text and keyspace; later calls return the same one).</summary>
    public Task<PreparedStatement> PrepareAsync(string query, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var key = (_keyspace ?? string.Empty) + "\0" + query;
        var task = _prepared.GetOrAdd(key, _ => PrepareOnClusterAsync(query, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _prepared.TryRemove(key, out _);
            task = _prepared.GetOrAdd(key, _ => PrepareOnClusterAsync(query, cancellationToken));
        }

        return ForgetOnFailure(key, task);
    }

    private async Task<PreparedStatement> ForgetOnFailure(string key, Task<PreparedStatement> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            _prepared.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<PreparedStatement> PrepareOnClusterAsync(string query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        foreach (var host in _balancer.Plan(_hosts, null))
        {
            CqlConnection connection;
            try
            {
                connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not CqlServerException)
            {
                errors[host.Address] = ex;
                continue;
            }

            var prepared = await PrepareOnConnectionAsync(connection, query, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            await PrepareOnOtherNodesAsync(host, query, cancellationToken).ConfigureAwait(false);
            return new PreparedStatement(query, _keyspace, prepared);
        }

        throw new NoHostAvailableException(errors);
    }

    /// <summary>
    /// Prepares the statement on the other nodes that are up too (as the DataStax drivers do), so token-aware
    /// routing to any replica does not start with an UNPREPARED round trip. Best effort: a node that fails here
    /// answers UNPREPARED later and gets it then.
    /// </summary>
    private async Task PrepareOnOtherNodesAsync(CqlHost done, string query, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        foreach (var host in _hosts)
        {
            if (ReferenceEquals(host, done) || !host.IsUp)
            {
                continue;
            }

            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
                    await PrepareOnConnectionAsync(connection, query, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Best effort (see above).
                }
            }, cancellationToken));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
    }

    private async Task<PreparedResult> PrepareOnConnectionAsync(CqlConnection connection, string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(new PrepareRequest(query), timeout, cancellationToken).ConfigureAwait(false);
        var result = ReadResult(response, null, connection);
        return result.Prepared ?? throw new CqlProtocolException($"{connection.Host}: PREPARE returned {result.Kind}.");
    }

    /// <summary>
    /// Prepares the prepared statements behind <paramref name="statement"/> (a bound statement's, or each one of a
    /// batch) again on <paramref name="connection"/>, whose node answered UNPREPARED or with other columns, and
    /// makes them use the new id and metadata from then on.
    /// </summary>
    private async Task PrepareAgainAsync(CqlConnection connection, CqlStatement statement, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var prepared = statement is BoundStatement bound
            ? new[] { bound.Prepared }
            : statement is BatchStatement batch ? batch.Statements.OfType<BoundStatement>().Select(b => b.Prepared).Distinct() : Enumerable.Empty<PreparedStatement>();
        foreach (var statementToPrepare in prepared)
        {
            // Fresh result metadata too: after ALTER TABLE a SELECT * returns other columns than before.
            var result = await PrepareOnConnectionAsync(connection, statementToPrepare.Query, timeout, cancellationToken).ConfigureAwait(false);
            statementToPrepare.Refresh(result);
        }
    }
}
