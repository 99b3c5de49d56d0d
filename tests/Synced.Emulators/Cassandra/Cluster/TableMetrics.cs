using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// The cost model: per table, the rows read from storage before filtering (examined) and the rows sent back
/// (returned), counted since the cluster started; read through system_views.rows_examined.
/// </summary>
internal sealed class TableMetrics
{
    private readonly ConcurrentDictionary<(string Keyspace, string Table), Counters> _tables = new();

    private sealed class Counters
    {
        public long Examined;
        public long Returned;
    }

    public void Add(string keyspace, string table, long examined, long returned)
    {
        var c = _tables.GetOrAdd((keyspace, table), _ => new Counters());
        Interlocked.Add(ref c.Examined, examined);
        Interlocked.Add(ref c.Returned, returned);
    }

    public IReadOnlyList<(string Keyspace, string Table, long Examined, long Returned)> Snapshot()
        => _tables.Select(p => (p.Key.Keyspace, p.Key.Table, Interlocked.Read(ref p.Value.Examined), Interlocked.Read(ref p.Value.Returned))).ToList();

    public (long Examined, long Returned) Of(string keyspace, string table)
        => _tables.TryGetValue((keyspace, table), out var c) ? (Interlocked.Read(ref c.Examined), Interlocked.Read(ref c.Returned)) : (0, 0);
}
