using System.Collections.Generic;
using System.Linq;
using System.Net;
using Synced.Cql.Cluster;
using Synced.Cql.Tokens;
using Xunit;

namespace Synced.Cql.Tests.Tokens;

/// <summary>Replica placement as Cassandra's SimpleStrategy and NetworkTopologyStrategy compute it.</summary>
public sealed class ReplicaPlacementTests
{
    private static CqlHost Node(int n, string dc, string rack, params long[] tokens)
        => new(new IPEndPoint(IPAddress.Parse($"127.0.0.{n}"), 9042)) { DataCenter = dc, Rack = rack, Tokens = tokens };

    private static Dictionary<string, string> Nts(params (string Dc, string Rf)[] factors)
    {
        var map = new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.NetworkTopologyStrategy" };
        foreach (var (dc, rf) in factors) map[dc] = rf;
        return map;
    }

    private static int[] Numbers(IEnumerable<CqlHost> hosts) => hosts.Select(h => (int)h.EndPoint.Address.GetAddressBytes()[3]).ToArray();

    [Fact]
    public void With_fewer_racks_than_the_factor_the_first_nodes_of_a_used_rack_fill_the_gap_in_ring_order()
    {
        var ring = new TokenRing(new[] { Node(1, "dc1", "r1", 10), Node(2, "dc1", "r1", 20), Node(3, "dc1", "r1", 30), Node(4, "dc1", "r2", 40) });

        // Factor 3 over 2 racks: one repeat of a used rack is allowed, and the first one met takes it.
        Assert.Equal(new[] { 1, 2, 4 }, Numbers(ring.GetReplicas(5, Nts(("dc1", "3")))));
        // Factor 2 over 2 racks: no repeat; node 4 is the only other rack.
        Assert.Equal(new[] { 1, 4 }, Numbers(ring.GetReplicas(5, Nts(("dc1", "2")))));
        Assert.Equal(new[] { 4, 1 }, Numbers(ring.GetReplicas(35, Nts(("dc1", "2")))));
    }

    [Fact]
    public void A_factor_above_the_node_count_takes_every_node_and_unknown_data_centers_are_ignored()
    {
        var ring = new TokenRing(new[] { Node(1, "dc1", "r1", 10, 50), Node(2, "dc1", "r2", 20, 60) });

        Assert.Equal(new[] { 1, 2 }, Numbers(ring.GetReplicas(0, Nts(("dc1", "5"), ("nowhere", "3")))));
    }

    [Fact]
    public void Transient_factors_count_their_full_replicas_and_SimpleStrategy_takes_distinct_nodes_clockwise()
    {
        var ring = new TokenRing(new[] { Node(1, "dc1", "r1", 10, 30), Node(2, "dc1", "r1", 20), Node(3, "dc1", "r1", 40) });
        var simple = new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.SimpleStrategy", ["replication_factor"] = "2" };

        Assert.Equal(new[] { 2, 1 }, Numbers(ring.GetReplicas(15, simple)));
        // Token 25 is owned by node 1 (token 30); the next distinct node is 3 (token 40), not node 1 again.
        Assert.Equal(new[] { 1, 3 }, Numbers(ring.GetReplicas(25, simple)));
        Assert.Equal(new[] { 1, 3, 2 }, Numbers(ring.GetReplicas(25, Nts(("dc1", "3/1")))));
    }
}
