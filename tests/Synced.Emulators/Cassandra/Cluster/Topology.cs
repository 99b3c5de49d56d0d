using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>The nodes of the cluster and their token ring, as one immutable snapshot (replaced whole when a node joins or leaves).</summary>
internal sealed class Topology
{
    public Topology(IReadOnlyList<CassandraNode> nodes)
    {
        Nodes = nodes;
        Ring = new TokenRing(nodes.Select(n => new TokenRing.RingNode(n.Identity.DataCenter, n.Identity.Rack, n.Identity.Tokens)).ToList());
    }

    public IReadOnlyList<CassandraNode> Nodes { get; }
    public TokenRing Ring { get; }

    // Per ring range and strategy, and shared by content: tokens with the same replicas get the same list, so a
    // caller walking many tokens can tell a repeat by reference and skip checks it already made.
    private readonly ConcurrentDictionary<(int Range, ReplicationStrategy Strategy), IReadOnlyList<CassandraNode>> _replicas = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<CassandraNode>> _sets = new(StringComparer.Ordinal);

    /// <summary>The natural replicas of a token, in ring order (one shared list per distinct replica set; do not change it).</summary>
    public IReadOnlyList<CassandraNode> ReplicasOf(long token, ReplicationStrategy strategy)
        => _replicas.GetOrAdd((Ring.RangeIndexOf(token), strategy), key => Shared(Ring.ReplicasAt(key.Range, key.Strategy)));

    private IReadOnlyList<CassandraNode> Shared(List<int> indexes)
        => _sets.GetOrAdd(string.Join(',', indexes), _ => indexes.Select(i => Nodes[i]).ToArray());

    /// <summary>The replicas of each ring range of an inclusive token range.</summary>
    public IEnumerable<IReadOnlyList<CassandraNode>> ReplicasOfRange(long from, long to, ReplicationStrategy strategy)
        => Ring.ReplicasOfRange(from, to, strategy).Select(set => Shared(set.ToList()));
}
