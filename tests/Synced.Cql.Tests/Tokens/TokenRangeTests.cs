using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Numerics;
using Synced.Cql.Cluster;
using Synced.Cql.Tokens;
using Xunit;

namespace Synced.Cql.Tests.Tokens;

public class TokenRangeTests
{
    private static CqlHost Host(int port, string dc, params long[] tokens)
        => new(new IPEndPoint(IPAddress.Loopback, port)) { DataCenter = dc, Tokens = tokens };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Splitting_the_ring_gives_contiguous_ranges_covering_every_token_once(int count)
    {
        var parts = TokenRing.Split(count);

        Assert.Equal(count, parts.Count);
        Assert.Equal(long.MinValue, parts[0].Start);
        Assert.Equal(long.MaxValue, parts[^1].End);
        for (var i = 1; i < parts.Count; i++)
        {
            Assert.Equal(parts[i - 1].End, parts[i].Start);
        }

        Assert.All(parts, p => Assert.False(p.IsWrapAround));
        Assert.Equal(TokenRange.FullRing.Width, parts.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Width));
        var smallest = parts.Min(p => p.Width);
        var largest = parts.Max(p => p.Width);
        Assert.True(largest - smallest <= 1, "sub-ranges are of near-equal width");
    }

    [Fact]
    public void Wrapping_range_contains_both_ends_of_the_ring_and_unwraps_into_two_scannable_ranges()
    {
        var range = new TokenRange(100, -100);

        Assert.True(range.IsWrapAround);
        Assert.True(range.Contains(long.MaxValue));
        Assert.True(range.Contains(-100));
        Assert.True(range.Contains(long.MinValue + 1));
        Assert.False(range.Contains(0));
        Assert.False(range.Contains(100));
        Assert.Equal(new[] { new TokenRange(100, long.MaxValue), new TokenRange(long.MinValue, -100) }, range.Unwrap());
    }

    [Fact]
    public void Splitting_a_wrapping_range_keeps_its_tokens()
    {
        var range = new TokenRange(long.MaxValue - 10, long.MinValue + 10);

        var parts = range.Split(4);

        Assert.Equal(range.Width, parts.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Width));
        Assert.Equal(range.Start, parts[0].Start);
        Assert.Equal(range.End, parts[^1].End);
        foreach (var token in new[] { long.MaxValue, long.MinValue + 1, long.MinValue + 10, long.MaxValue - 9 })
        {
            Assert.Single(parts, p => p.Contains(token));
        }
    }

    [Fact]
    public void Range_with_fewer_tokens_than_parts_splits_into_single_tokens()
    {
        Assert.Equal(3, new TokenRange(0, 3).Split(10).Count);
    }

    [Fact]
    public void Same_start_and_end_is_the_whole_ring()
    {
        var whole = new TokenRange(5, 5);

        Assert.True(whole.IsWholeRing);
        Assert.True(whole.Contains(long.MinValue));
        Assert.Equal(new[] { TokenRange.FullRing }, whole.Unwrap());
    }

    [Fact]
    public void Primary_ranges_run_from_the_previous_token_and_the_first_one_wraps()
    {
        var a = Host(1, "dc1", -100, 200);
        var b = Host(2, "dc1", 0);
        var ring = new TokenRing(new[] { a, b });

        Assert.Equal(new[] { new TokenRange(200, -100), new TokenRange(0, 200) }, ring.GetPrimaryRanges(a));
        Assert.Equal(new[] { new TokenRange(-100, 0) }, ring.GetPrimaryRanges(b));
        Assert.Same(b, ring.GetPrimaryOwner(-5));
        Assert.Same(a, ring.GetPrimaryOwner(201));
        Assert.Same(a, ring.GetPrimaryOwner(-100));
    }

    [Fact]
    public void Replicas_follow_simple_and_network_topology_strategies()
    {
        var a = Host(1, "dc1", 0);
        var b = Host(2, "dc2", 100);
        var c = Host(3, "dc1", 200);
        var ring = new TokenRing(new[] { a, b, c });

        var simple = new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.SimpleStrategy", ["replication_factor"] = "2" };
        var nts = new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.NetworkTopologyStrategy", ["dc1"] = "2", ["dc2"] = "1" };

        Assert.Equal(new[] { b, c }, ring.GetReplicas(50, simple));
        Assert.Equal(new[] { b, c, a }, ring.GetReplicas(50, nts));
        Assert.Equal(new[] { b }, ring.GetReplicas(50, null));
    }
}
