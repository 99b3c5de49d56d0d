using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Client;
using Synced.Cql.Tokens;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Cluster;

/// <summary>Statements land on a replica of their partition, under SimpleStrategy and rack-aware NetworkTopologyStrategy.</summary>
public sealed class RoutingTests
{
    private const string SimpleStrategy = "org.apache.cassandra.locator.SimpleStrategy";
    private const string NetworkTopologyStrategy = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    private static CqlClusterOptions Options(FakeCqlServer contact)
    {
        var options = new CqlClusterOptions
        {
            ConnectionsPerHost = 1,
            HeartbeatInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        options.ContactPoints.Add(contact.ContactPoint);
        return options;
    }

    /// <summary>Every node prepares "INSERT INTO ks.t (k) VALUES (?)" with k as the partition key, and answers VOID to the rest.</summary>
    private static void AnswerPreparesAndWrites(IEnumerable<FakeCqlServer> nodes)
    {
        var prepared = new PreparedResult(new byte[] { 1 },
            new RowsMetadata(new[] { new ColumnSpec("ks", "t", "k", CqlType.Int) }, 1, null, new[] { 0 }),
            new RowsMetadata(Array.Empty<ColumnSpec>()));
        foreach (var node in nodes)
        {
            node.OnRequest = r => r.Header.Opcode == Opcode.Prepare ? r.ReplyAsync(Opcode.Result, prepared.WriteTo) : r.ReplyVoidAsync();
        }
    }

    private static int BoundKey(FakeRequest request)
        => (int)TypeCodec.Deserialize(CqlType.Int, ((RawValue)request.Parameters!.Values![0]!).Bytes)!;

    private static long TokenOf(int key) => Murmur3Partitioner.GetToken(TypeCodec.Serialize(CqlType.Int, key));

    /// <summary>The nodes in ring order from the owner of <paramref name="token"/> (one token per node).</summary>
    private static List<FakeCqlServer> Clockwise(IReadOnlyList<FakeCqlServer> nodes, long token)
    {
        var ordered = nodes.OrderBy(n => n.Tokens[0]).ToList();
        var first = ordered.FindIndex(n => n.Tokens[0] >= token);
        if (first < 0) first = 0;
        return Enumerable.Range(0, ordered.Count).Select(i => ordered[(first + i) % ordered.Count]).ToList();
    }

    private static IEnumerable<(FakeCqlServer Node, int Key)> Executions(IEnumerable<FakeCqlServer> nodes)
        => nodes.SelectMany(n => n.Requests.Where(r => r.Header.Opcode == Opcode.Execute).Select(r => (n, BoundKey(r))));

    [Fact]
    public async Task Under_SimpleStrategy_each_statement_lands_on_one_of_its_partitions_replicas_and_they_share_the_load()
    {
        await using var a = new FakeCqlServer { Tokens = new[] { -6_000_000_000_000_000_000L } };
        await using var b = new FakeCqlServer { Tokens = new[] { 0L } };
        await using var c = new FakeCqlServer { Tokens = new[] { 6_000_000_000_000_000_000L } };
        var nodes = new[] { a, b, c };
        a.Peers.AddRange(new[] { b, c });
        a.Keyspaces["ks"] = new Dictionary<string, string> { ["class"] = SimpleStrategy, ["replication_factor"] = "2" };
        AnswerPreparesAndWrites(nodes);
        await using var session = await CqlSession.ConnectAsync(Options(a));
        var insert = await session.PrepareAsync("INSERT INTO ks.t (k) VALUES (?)");

        for (var k = 0; k < 30; k++)
        {
            for (var repeat = 0; repeat < 4; repeat++)
            {
                await session.ExecuteAsync(insert.Bind(k));
            }
        }

        var executions = Executions(nodes).ToList();
        Assert.Equal(120, executions.Count);
        foreach (var (node, key) in executions)
        {
            Assert.Contains(node, Clockwise(nodes, TokenOf(key)).Take(2));
        }

        // Each key went to both of its replicas, not always to the primary one.
        foreach (var key in executions.GroupBy(e => e.Key))
        {
            Assert.Equal(2, key.Select(e => e.Node).Distinct().Count());
        }
    }

    [Fact]
    public async Task Under_NetworkTopologyStrategy_replicas_are_in_distinct_racks_of_the_local_data_center()
    {
        // Ring order: a (dc1 r1), b (dc1 r1), r (dc2), c (dc1 r2). With 2 replicas in dc1, Cassandra skips b (its
        // rack already holds a) for any token a owns, and takes c.
        await using var a = new FakeCqlServer { DataCenter = "dc1", Rack = "r1", Tokens = new[] { -3_000_000_000_000_000_000L } };
        await using var b = new FakeCqlServer { DataCenter = "dc1", Rack = "r1", Tokens = new[] { 0L } };
        await using var r = new FakeCqlServer { DataCenter = "dc2", Rack = "r1", Tokens = new[] { 3_000_000_000_000_000_000L } };
        await using var c = new FakeCqlServer { DataCenter = "dc1", Rack = "r2", Tokens = new[] { 6_000_000_000_000_000_000L } };
        var nodes = new[] { a, b, r, c };
        a.Peers.AddRange(new[] { b, r, c });
        a.Keyspaces["ks"] = new Dictionary<string, string> { ["class"] = NetworkTopologyStrategy, ["dc1"] = "2", ["dc2"] = "1" };
        AnswerPreparesAndWrites(nodes);
        await using var session = await CqlSession.ConnectAsync(Options(a));
        var insert = await session.PrepareAsync("INSERT INTO ks.t (k) VALUES (?)");
        // Keys owned by a: tokens in (6e18, MaxToken] or [MinToken, -3e18].
        var keys = Enumerable.Range(0, 400).Where(k => TokenOf(k) <= a.Tokens[0] || TokenOf(k) > c.Tokens[0]).Take(10).ToArray();
        Assert.NotEmpty(keys);

        foreach (var key in keys)
        {
            for (var repeat = 0; repeat < 4; repeat++)
            {
                await session.ExecuteAsync(insert.Bind(key));
            }
        }

        var executions = Executions(nodes).ToList();
        Assert.Equal(keys.Length * 4, executions.Count);
        Assert.All(executions, e => Assert.True(e.Node == a || e.Node == c, $"key {e.Key} went to a node that is not one of its dc1 replicas"));
        Assert.Contains(executions, e => e.Node == a);
        Assert.Contains(executions, e => e.Node == c);
        Assert.Equal(new[] { a.EndPoint, r.EndPoint, c.EndPoint }, session.GetReplicas("ks", TokenOf(keys[0])).Select(h => h.EndPoint));
    }

    [Fact]
    public async Task A_statement_with_a_routing_token_goes_to_the_replica_of_that_token()
    {
        await using var a = new FakeCqlServer { Tokens = new[] { -100L } };
        await using var b = new FakeCqlServer { Tokens = new[] { 100L } };
        a.Peers.Add(b);
        await using var session = await CqlSession.ConnectAsync(Options(a));

        for (var i = 0; i < 5; i++)
        {
            await session.ExecuteAsync(new SimpleStatement("SELECT * FROM ks.t WHERE token(k) > ? AND token(k) <= ?", -100L, 100L)
            {
                RoutingKeyspace = "ks",
                RoutingToken = 100L,
            });
            await session.ExecuteAsync(new SimpleStatement("SELECT * FROM ks.t WHERE token(k) > ? AND token(k) <= ?", 100L, -100L)
            {
                RoutingKeyspace = "ks",
                RoutingToken = -100L,
            });
        }

        Assert.All(b.Requests, q => Assert.Equal(100L, (long)TypeCodec.Deserialize(CqlType.Bigint, ((RawValue)q.Parameters!.Values![1]!).Bytes)!));
        Assert.All(a.Requests, q => Assert.Equal(-100L, (long)TypeCodec.Deserialize(CqlType.Bigint, ((RawValue)q.Parameters!.Values![1]!).Bytes)!));
        Assert.Equal(5, a.Requests.Count);
        Assert.Equal(5, b.Requests.Count);
    }
}
