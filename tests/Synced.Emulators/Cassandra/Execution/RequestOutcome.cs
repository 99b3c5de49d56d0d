using System.Collections.Generic;
using System.Net;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>What a statement touched, filled in while it runs: table, partition tokens or range, replicas that served.</summary>
internal sealed class RequestOutcome
{
    public string? Keyspace { get; set; }
    public string? Table { get; set; }
    public List<long> Tokens { get; } = new();
    public (long From, long To)? Range { get; set; }
    public List<IPAddress> Replicas { get; } = new();
    /// <summary>Live rows a read took from storage before filtering (the cost model's "examined").</summary>
    public long RowsExamined { get; set; }
    /// <summary>Tombstones a read went through: deleted partitions and rows, deleted or expired cells.</summary>
    public long Tombstones { get; set; }
    public long RowsReturned { get; set; }

    public void AddReplica(IPAddress address)
    {
        if (!Replicas.Contains(address)) Replicas.Add(address);
    }
}
