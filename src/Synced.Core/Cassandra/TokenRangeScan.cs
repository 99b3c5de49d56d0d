using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Errors;
using Synced.Cql.Metadata;
using Synced.Cql.Tokens;

namespace Synced.Core.Cassandra;

/// <summary>
/// Reads the rows of one table that a scan statement selects (the entries of a time range, or the versions of a
/// comparison), token sub-range by sub-range, and survives what a real cluster does to a long scan:
/// <list type="bullet">
/// <item>each page goes to a replica of its sub-range (routing by the sub-range's end token);</item>
/// <item>a page that fails because a node went away (connection lost, no replica up, Unavailable, Overloaded) is
/// asked for again, from the same paging state, after a pause; the client sends it to another replica. Should a
/// node refuse that paging state, the sub-range restarts at the token of the last entry read, and rows of that
/// token already read are skipped: nothing is skipped, nothing is read twice into the result;</item>
/// <item>a page that times out on the server (ReadTimeout, ReadFailure such as too many tombstones) or in the
/// client is not asked for again as it was: the rest of the sub-range is split in two and each half read on its
/// own, down to <see cref="CassandraStoreOptions.TimeoutSplitDepth"/> halvings, before the table fails with
/// the token range and what to do;</item>
/// <item>empty pages that still carry a paging state (the last page of a range ending on its last row, pages of a
/// filtering scan that matched nothing) are followed, and a node answering the same paging state twice without
/// rows stops the scan instead of looping;</item>
/// <item>a table with an SAI index on tmstmp is read through it (no ALLOW FILTERING: the nodes read the range
/// only); a page the index cannot serve (ReadFailure, as a replica answers while the index is still being built, or
/// InvalidRequest, as for an index dropped since the schema was read) sends the scan, from then on, to the ALLOW
/// FILTERING statement, restarting the sub-range at the last token read, with a warning: slower, nothing lost;</item>
/// <item>rows are converted with each page's own metadata (an entry scan's statement is <c>SELECT *</c>, prepared
/// again with fresh metadata when the table changes), so a column added during a run shows in every entry read
/// after the change.</item>
/// </list>
/// Rows reach the sink in token order within a sub-range (the rows of a partition together), in lists of at most
/// <see cref="TokenRangeScan.HandOverSize"/>.
/// </summary>
/// <typeparam name="T">What a row becomes (an entry, a version).</typeparam>
internal sealed class TokenRangeScan<T>
{
    private readonly CqlSession _session;
    private readonly TableMetadata _table;
    private readonly ScanStatements _statements;
    private readonly object[] _restrictions;
    private readonly CassandraStoreOptions _options;
    private readonly string _contactPoints;
    private readonly Func<CqlRow, Guid, Guid, T> _convert;
    private readonly Func<List<T>, CancellationToken, ValueTask> _emit;
    private readonly CqlRetryPolicy _retryPolicy;
    private int _indexAbandoned;

    /// <summary>A scan of <paramref name="table"/> with <paramref name="statements"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="table">The table.</param>
    /// <param name="statements">Statements whose first two markers are the token bounds (<c>token(id) &gt; ? AND token(id) &lt;= ?</c>).</param>
    /// <param name="restrictions">The values of the statements' markers after the token bounds (the same for both statements).</param>
    /// <param name="options">Consistency, page size, retries and split depth.</param>
    /// <param name="contactPoints">The cluster, for messages.</param>
    /// <param name="convert">Converts a row, given its id and tmstmp (a timeuuid), with the page's own metadata.</param>
    /// <param name="emit">Takes a list of converted rows (the scan does not touch the list again).</param>
    public TokenRangeScan(CqlSession session, TableMetadata table, ScanStatements statements, object[] restrictions,
        CassandraStoreOptions options, string contactPoints, Func<CqlRow, Guid, Guid, T> convert, Func<List<T>, CancellationToken, ValueTask> emit)
    {
        if (statements.ThroughIndex is null && statements.Filtering is null) throw new ArgumentException("a scan needs a statement", nameof(statements));
        _session = session;
        _table = table;
        _statements = statements;
        _restrictions = restrictions;
        _options = options;
        _contactPoints = contactPoints;
        _convert = convert;
        _emit = emit;
        _retryPolicy = new ScanRetryPolicy(session.Options.RetryPolicy);
        PageSize = options.PageSize;
    }

    /// <summary>Rows per page (the store's page size unless a scan of small rows asks for fewer).</summary>
    public int PageSize { get; set; }

    /// <summary>Warnings the nodes attached to pages (tombstones, large partitions), for the caller to pass on.</summary>
    public Action<string>? OnWarning { get; set; }

    /// <summary>Reads every entry of <paramref name="range"/> (a range that does not wrap) into the sink.</summary>
    public Task ReadAsync(TokenRange range, CancellationToken cancellationToken)
        => ReadAsync(range, range, 0, new Progress(), cancellationToken);

    /// <summary>True while the scan reads through the index (it has one, and no page has found it unable to serve).</summary>
    public bool ThroughIndex => _statements.ThroughIndex is not null && Volatile.Read(ref _indexAbandoned) == 0;

    private async Task ReadAsync(TokenRange subRange, TokenRange range, int depth, Progress progress, CancellationToken cancellationToken)
    {
        byte[]? pagingState = null;
        var failures = 0;
        Exception? lastFailure = null;
        // Decided per (part of a) sub-range: a paging state belongs to the statement that gave it.
        var throughIndex = ThroughIndex;
        while (true)
        {
            CqlRowSet page;
            try
            {
                var prepared = throughIndex ? _statements.ThroughIndex! : _statements.Filtering!;
                var statement = prepared.Bind(Values(range));
                statement.Consistency = _options.EffectiveReadConsistency;
                statement.PageSize = PageSize;
                statement.PagingState = pagingState;
                statement.RoutingKeyspace = _table.Keyspace;
                statement.RoutingToken = range.End;
                statement.RetryPolicy = _retryPolicy;
                var result = await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                foreach (var warning in result.Warnings) OnWarning?.Invoke($"Cassandra {result.Host} warned while scanning {_table}: {warning}");
                page = result.Rows ?? throw new CassandraStoreException($"scanning {_table} (tokens {range}) on {_contactPoints}: the node answered {result.Kind}, not rows");
            }
            catch (Exception ex) when (throughIndex && _statements.Filtering is not null && IsIndexUnusable(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Read the rest of the sub-range without the index: from the last token passed on, nothing twice.
                AbandonIndex(ex);
                throughIndex = false;
                range = progress.Rest(range);
                pagingState = null;
                continue;
            }
            catch (Exception ex) when (IsOverload(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Asking again for the same amount would time out again: read the rest in halves.
                var rest = progress.Rest(range);
                if (depth >= _options.TimeoutSplitDepth || rest.Width < 2) throw TooSlow(subRange, rest, depth, ex);
                foreach (var half in rest.Split(2))
                    await ReadAsync(subRange, half, depth + 1, progress, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsNodeLoss(ex) && !cancellationToken.IsCancellationRequested)
            {
                lastFailure = ex;
                if (++failures > _options.ScanRetries) throw NodesLost(range, failures, ex);
                await Task.Delay(RetryDelay(failures), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (pagingState is not null && IsPagingStateRefused(ex) && !cancellationToken.IsCancellationRequested)
            {
                // The node that took over does not accept the paging state: start again at the last token read.
                range = progress.Rest(range);
                pagingState = null;
                lastFailure = ex;
                if (++failures > _options.ScanRetries) throw NodesLost(range, failures, ex);
                continue;
            }
            catch (InvalidQueryException ex) when (TokenRangeScan.IsAllowFilteringGuardrail(ex))
            {
                throw TokenRangeScan.GuardrailRefused(_table, _contactPoints, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not CassandraStoreException)
            {
                throw new CassandraStoreException($"scanning {_table} (tokens {range}) on {_contactPoints} failed: {ex.Message}", ex);
            }

            if (failures > 0 && lastFailure is not null)
                OnWarning?.Invoke($"scanning {_table} (tokens {range}) went on after {failures} failed attempt(s): {lastFailure.Message}");
            failures = 0;
            lastFailure = null;

            int idColumn = -1, tmstmpColumn = -1;
            // Rows go on in lists of up to HandOverSize: one hand-over to the reader for many rows, not one a row,
            // while a reader waiting on a full channel holds no more converted rows than that.
            var entries = new List<T>(Math.Min(page.Count, TokenRangeScan.HandOverSize));
            for (var i = 0; i < page.Count; i++)
            {
                var row = page[i];
                if (i == 0)
                {
                    // Where id and tmstmp are in this page (each page has its own metadata).
                    idColumn = row.IndexOf(DataContract.IdName);
                    tmstmpColumn = row.IndexOf(DataContract.TmstmpName);
                }
                if (row.IsNull(idColumn)) throw new CassandraStoreException($"scanning {_table}: a row has no id");
                var id = row.GetGuid(idColumn);
                if (row.IsNull(tmstmpColumn)) throw new CassandraStoreException($"scanning {_table}: row {id} has no tmstmp");
                var version = row.GetGuid(tmstmpColumn);
                if (!progress.Accept(id, version)) continue;
                entries.Add(_convert(row, id, version));
                if (entries.Count < TokenRangeScan.HandOverSize) continue;
                await _emit(entries, cancellationToken).ConfigureAwait(false);
                entries = new List<T>(TokenRangeScan.HandOverSize);
            }

            if (entries.Count > 0) await _emit(entries, cancellationToken).ConfigureAwait(false);
            var next = page.PagingState;
            if (next is null) return;
            if (page.Count == 0 && pagingState is not null && next.AsSpan().SequenceEqual(pagingState))
                throw new CassandraStoreException(
                    $"scanning {_table} (tokens {range}) on {_contactPoints}: the node answered an empty page with the paging state it was given, so the scan would never end; report this to the cluster's operators");
            pagingState = next;
        }
    }

    /// <summary>The values of a page's statement: the token bounds, then the restrictions.</summary>
    private object[] Values(TokenRange range)
    {
        var values = new object[2 + _restrictions.Length];
        values[0] = range.Start;
        values[1] = range.End;
        _restrictions.CopyTo(values, 2);
        return values;
    }

    private TimeSpan RetryDelay(int failures)
    {
        var ms = _options.ScanRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10));
        return TimeSpan.FromMilliseconds(Math.Min(ms, 10_000));
    }

    /// <summary>
    /// An index-driven page the index could not serve: ReadFailure (in protocol v4 a replica's "index not available"
    /// while an SAI index builds arrives as one; a read failing for another reason fails again without the index and
    /// is then split as usual), or InvalidRequest (the index is gone, so the statement now needs ALLOW FILTERING).
    /// </summary>
    private static bool IsIndexUnusable(Exception ex) => ex is ReadFailureException or InvalidQueryException;

    private void AbandonIndex(Exception ex)
    {
        if (Interlocked.Exchange(ref _indexAbandoned, 1) != 0) return;
        OnWarning?.Invoke($"scanning {_table} through its index {_statements.IndexName} on tmstmp failed ({ex.Message}); the rest of the scan reads with " +
                          "ALLOW FILTERING instead, which reads every row of the table. If the index is still being built, later runs use it once it is " +
                          "(nodetool or system_views.sai_column_indexes on each node show its state)");
    }

    /// <summary>The read took too long or touched too much (tombstones) for the node: smaller ranges help.</summary>
    private static bool IsOverload(Exception ex) => ex is ReadTimeoutException or ReadFailureException or CqlTimeoutException;

    /// <summary>The node that served the scan is gone or busy; another replica (or the same one later) can go on.</summary>
    private static bool IsNodeLoss(Exception ex)
        => ex is CqlConnectionException or NoHostAvailableException or UnavailableException or OverloadedException or IsBootstrappingException or IOException;

    /// <summary>A node's answer to a paging state it cannot use (another version, a restarted node, a corrupt state).</summary>
    private static bool IsPagingStateRefused(Exception ex)
        => ex is ProtocolErrorException || (ex is InvalidQueryException invalid && invalid.ServerMessage.IndexOf("paging", StringComparison.OrdinalIgnoreCase) >= 0);

    private CassandraStoreException TooSlow(TokenRange subRange, TokenRange rest, int depth, Exception ex)
        => new($"scanning {_table} on {_contactPoints} failed: tokens {rest} of sub-range {subRange} still " +
               $"{(ex is ReadFailureException ? "failed on the replicas" : "timed out")} after splitting it {depth} time(s) (pieces of 1/{1 << depth} of it): {ex.Message}. " +
               "That part of the table holds too much data or too many tombstones to read in time. Raise the nodes' range_request_timeout (and the request timeout above it), " +
               "compact the table to purge tombstones (tombstone_failure_threshold is hit when a read touches too many), or scan it in smaller pieces " +
               "(a smaller page size or more scan splits), then run again.", ex);

    private CassandraStoreException NodesLost(TokenRange range, int failures, Exception ex)
        => new($"scanning {_table} (tokens {range}) on {_contactPoints} failed {failures} times in a row, on every replica tried: {ex.Message}. " +
               "Check that enough replicas of the keyspace are up for the read consistency, then run again.", ex);

    /// <summary>
    /// Where a sub-range's reading got to: the token of the last entry passed on and which versions of that token
    /// were, so a restart at that token passes on the rest and nothing twice.
    /// </summary>
    private sealed class Progress
    {
        private readonly HashSet<(Guid Id, Guid Version)> _atLastToken = new();
        private Guid? _lastId;
        private long _lastToken;

        /// <summary>True when the row is to be passed on (records it); false when it was already.</summary>
        public bool Accept(Guid id, Guid version)
        {
            if (_lastId != id)
            {
                var token = TokenOf(id);
                if (_lastId is null || token != _lastToken) _atLastToken.Clear();
                _lastToken = token;
                _lastId = id;
            }
            return _atLastToken.Add((id, version));
        }

        /// <summary>What of <paramref name="range"/> is still to read: from the last token passed on (inclusive), or all of it.</summary>
        public TokenRange Rest(TokenRange range)
            => _lastId is not null && range.Contains(_lastToken) ? new TokenRange(_lastToken - 1, range.End) : range;

        private static long TokenOf(Guid id) => Murmur3Partitioner.GetToken(id);
    }

    /// <summary>
    /// The client's retries for scan pages, without timeouts: a page that timed out is read again as smaller
    /// ranges by the scan rather than asked for again as it was.
    /// </summary>
    private sealed class ScanRetryPolicy : CqlRetryPolicy
    {
        private readonly CqlRetryPolicy _inner;

        public ScanRetryPolicy(CqlRetryPolicy inner)
        {
            _inner = inner;
            MaxRetries = inner.MaxRetries;
            BaseDelay = inner.BaseDelay;
            MaxDelay = inner.MaxDelay;
        }

        public override bool ShouldRetry(CqlStatement statement, Exception failure, int attempt)
            => failure is not (ReadTimeoutException or ReadFailureException or CqlTimeoutException) && _inner.ShouldRetry(statement, failure, attempt);

        public override TimeSpan GetDelay(int attempt) => _inner.GetDelay(attempt);
    }
}

/// <summary>What the scans of every row type share: the hand-over size and the allow_filtering guardrail's refusal.</summary>
internal static class TokenRangeScan
{
    /// <summary>Most rows handed to the reader at once.</summary>
    public const int HandOverSize = 500;

    /// <summary>True for the refusal of the allow_filtering guardrail (Cassandra 4.1+), at PREPARE or EXECUTE.</summary>
    public static bool IsAllowFilteringGuardrail(Exception ex)
        => ex is InvalidQueryException invalid
           && invalid.ServerMessage.IndexOf("ALLOW FILTERING", StringComparison.OrdinalIgnoreCase) >= 0
           && (invalid.ServerMessage.IndexOf("not allowed", StringComparison.OrdinalIgnoreCase) >= 0 || invalid.ServerMessage.IndexOf("allow_filtering", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>The table's failure when the guardrail refuses its scan: the setting and where to change it.</summary>
    public static CassandraStoreException GuardrailRefused(TableMetadata table, string contactPoints, Exception ex)
        => new($"{table} cannot be scanned on {contactPoints}: the cluster's allow_filtering guardrail refuses queries with ALLOW FILTERING " +
               $"({(ex as InvalidQueryException)?.ServerMessage ?? ex.Message}). Synced reads a time range of a table with one (its token(id) and tmstmp " +
               "restrictions need it). Set allow_filtering_enabled: true in cassandra.yaml on every node (Cassandra 4.1+; it can also be changed at run " +
               "time through JMX or nodetool where the version allows), then run again.", ex);
}
