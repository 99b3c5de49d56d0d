using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Errors;
using Synced.Cql.Metadata;
using Synced.Cql.Protocol;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Reads the newest row (the current version) of many ids of a contract table, several ids per request.
/// </summary>
/// <remarks>
/// <para>
/// A table whose rows are kept newest first (<c>CLUSTERING ORDER BY (tmstmp DESC)</c>, as Synced creates them) is read
/// with <c>SELECT id, ... WHERE id IN ? PER PARTITION LIMIT 1</c>: the first row of each partition is its newest
/// version, so each partition gives one row and the nodes read no more. The ids of a request share their primary
/// replica (the request is routed to it), so a token-aware coordinator reads them locally, as the one-partition
/// reads would be; a group holds at most <see cref="CassandraStoreOptions.NewestReadGroupSize"/> ids, which keeps
/// each request small for the coordinator.
/// </para>
/// <para>
/// A table kept oldest first is read one id at a time (<c>WHERE id = ? ORDER BY tmstmp DESC LIMIT 1</c>): Cassandra
/// refuses to page <c>ORDER BY</c> with <c>IN</c>. So is a group whose read fails (each id then gets its own answer or
/// its own error), and every table of a cluster that does not know <c>PER PARTITION LIMIT</c> (before 3.6).
/// </para>
/// </remarks>
internal sealed class NewestRowReader
{
    private readonly CqlSession _session;
    private readonly CassandraStoreOptions _options;
    private readonly Action<CqlResult, string> _warn;

    /// <summary>Grouped read statements the cluster refused to prepare (query text): those tables are read id by id.</summary>
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.Ordinal);

    public NewestRowReader(CqlSession session, CassandraStoreOptions options, Action<CqlResult, string> warn)
    {
        _session = session;
        _options = options;
        _warn = warn;
    }

    /// <summary>
    /// Reads the newest row of each id: <paramref name="found"/> gets the id's index and its row (<c>id</c> first, then
    /// <paramref name="selection"/>), or null when the id has none; <paramref name="failed"/> gets the index of an id
    /// whose read failed and why. Each id is answered exactly once, unless the read is cancelled.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="selection">The columns after <c>id</c>, as CQL (quoted where needed).</param>
    /// <param name="ids">The ids (repeated ids are read once and answered at each index).</param>
    /// <param name="consistency">The read consistency.</param>
    /// <param name="found">Called with the index of an id and its newest row (a view valid during the call only).</param>
    /// <param name="failed">Called with the index of an id whose read failed.</param>
    /// <param name="cancellationToken">Stops reading; the reads under way finish or observe it first.</param>
    public async Task ReadAsync(TableMetadata table, string selection, IReadOnlyList<Guid> ids, Consistency consistency,
        Action<int, CqlRow?> found, Action<int, Exception> failed, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var one = NewestRowQuery(table, selection);
        var grouped = IsNewestFirst(table) && ids.Count > 1 && _options.NewestReadGroupSize > 1 ? GroupedQuery(table, selection) : null;
        PreparedStatement? many = null;
        if (grouped is not null && !_refused.ContainsKey(grouped))
        {
            try
            {
                many = await _session.PrepareAsync(grouped, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SyntaxErrorException or InvalidQueryException)
            {
                // A cluster before PER PARTITION LIMIT (3.6): this table is read id by id from now on.
                _refused.TryAdd(grouped, true);
            }
        }
        var single = new Lazy<Task<PreparedStatement>>(() => _session.PrepareAsync(one, cancellationToken));

        if (many is null)
        {
            await Concurrently.ForEachAsync(ids.Count, _options.UpsertConcurrency, i => ReadOneAsync(i), cancellationToken).ConfigureAwait(false);
            return;
        }

        var groups = ReplicaGroups.Of(_session, table.Keyspace, ids, _options.NewestReadGroupSize);
        await Concurrently.ForEachAsync(groups.Count, _options.UpsertConcurrency, g => ReadGroupAsync(groups[g]), cancellationToken).ConfigureAwait(false);

        async Task ReadGroupAsync(List<int> group)
        {
            var distinct = new List<Guid>(group.Count);
            var at = new Dictionary<Guid, List<int>>(group.Count);
            foreach (var index in group)
            {
                var id = ids[index];
                if (!at.TryGetValue(id, out var indices))
                {
                    at[id] = indices = new List<int>(1);
                    distinct.Add(id);
                }
                indices.Add(index);
            }

            var answered = new HashSet<Guid>();
            try
            {
                var statement = many.Bind(new object?[] { distinct });
                statement.Consistency = consistency;
                // One row per partition at most: a page one larger than that never ends with a paging state.
                statement.PageSize = distinct.Count + 1;
                statement.RoutingKeyspace = table.Keyspace;
                statement.RoutingToken = Murmur3Partitioner.GetToken(distinct[0]);
                while (true)
                {
                    var result = await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                    _warn(result, $"reading the newest versions of {distinct.Count} ids in {table}");
                    var rows = result.Rows ?? throw new CqlProtocolException($"reading the newest versions in {table}: the node answered {result.Kind}, not rows");
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var row = rows[r];
                        var id = row.GetGuid(0);
                        // Only the first row of an id counts (PER PARTITION LIMIT 1 gives no other).
                        if (!at.TryGetValue(id, out var indices) || !answered.Add(id)) continue;
                        foreach (var index in indices) found(index, row);
                    }
                    if (rows.PagingState is null) break;
                    statement.PagingState = rows.PagingState;
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Each id not answered yet is read on its own, so a failure belongs to the id it concerns.
                var rest = group.Where(i => !answered.Contains(ids[i])).ToList();
                await Concurrently.ForEachAsync(rest.Count, _options.UpsertConcurrency, k => ReadOneAsync(rest[k]), cancellationToken).ConfigureAwait(false);
                return;
            }
            foreach (var pair in at)
                if (!answered.Contains(pair.Key))
                    foreach (var index in pair.Value) found(index, null);
        }

        async Task ReadOneAsync(int index)
        {
            CqlRow? row;
            try
            {
                var prepared = await single.Value.ConfigureAwait(false);
                var statement = prepared.Bind(ids[index]);
                statement.Consistency = consistency;
                var result = await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
                _warn(result, $"reading the newest version of {ids[index]} in {table}");
                row = result.Rows is { Count: > 0 } rows ? rows[0] : null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failed(index, ex);
                return;
            }
            found(index, row);
        }
    }

    /// <summary>True when the table keeps the rows of an id newest first (its tmstmp clustering is descending).</summary>
    internal static bool IsNewestFirst(TableMetadata table)
    {
        foreach (var column in table.Columns)
            if (column.Kind == ColumnKind.Clustering && string.Equals(column.Name, DataContract.TmstmpName, StringComparison.Ordinal))
                return column.ClusteringOrder == ClusteringOrder.Descending;
        return false;
    }

    /// <summary>The read of one id's newest row (a single partition, newest first).</summary>
    internal static string NewestRowQuery(TableMetadata table, string selection)
        => $"SELECT {DataContract.IdName}, {selection} FROM {Qualified(table)} WHERE {DataContract.IdName} = ? ORDER BY {DataContract.TmstmpName} DESC LIMIT 1";

    /// <summary>The read of the newest row of several ids of a table kept newest first.</summary>
    internal static string GroupedQuery(TableMetadata table, string selection)
        => $"SELECT {DataContract.IdName}, {selection} FROM {Qualified(table)} WHERE {DataContract.IdName} IN ? PER PARTITION LIMIT 1";

    private static string Qualified(TableMetadata table) => CqlIdentifier.Quote(table.Keyspace) + "." + CqlIdentifier.Quote(table.Name);
}
