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

    /// <summary>The natural replicas of a token, in ring order.</summary>
    public List<CassandraNode> ReplicasOf(long token, ReplicationStrategy strategy) => Ring.ReplicasOf(token, strategy).Select(i => Nodes[i]).ToList();

    /// <summary>The replicas of each ring range of an inclusive token range.</summary>
    public IEnumerable<List<CassandraNode>> ReplicasOfRange(long from, long to, ReplicationStrategy strategy)
        => Ring.ReplicasOfRange(from, to, strategy).Select(set => set.Select(i => Nodes[i]).ToList());
}
