using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Storage;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra.Cluster;

/// <summary>Consistency levels against live replicas (Unavailable) and Cassandra's validation of levels per operation.</summary>
public sealed class ConsistencyTests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(CassandraEmulatorOptions options, string replication)
    {
        var cluster = await CassandraEmulator.StartAsync(options);
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync($"CREATE KEYSPACE ks WITH replication = {replication}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)")).ThrowIfError();
        return (cluster, client);
    }

    [Fact]
    public async Task Quorum_with_two_of_three_replicas_down_is_Unavailable_with_required_and_alive_while_ONE_still_works()
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions { Nodes = 3 }, "{'class': 'SimpleStrategy', 'replication_factor': 3}");
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.All)).ThrowIfError();
        await cluster.Nodes[1].StopAsync();
        await cluster.Nodes[2].StopAsync();

        var read = await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.Quorum);
        Assert.Equal(CqlErrorCode.Unavailable, read.ErrorCode);
        Assert.Equal("Cannot achieve consistency level QUORUM", read.ErrorMessage);
        Assert.Equal((ConsistencyLevel.Quorum, 2, 1), read.Unavailable);

        var write = await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (2, 'b')", ConsistencyLevel.Two);
        Assert.Equal((ConsistencyLevel.Two, 2, 1), write.Unavailable);

        Assert.Single((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.One)).Rows().Rows);
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (3, 'c')", ConsistencyLevel.One)).ThrowIfError();
        // A range read needs the level on every range it covers.
        Assert.Equal((ConsistencyLevel.Quorum, 2, 1), (await client.QueryAsync("SELECT * FROM ks.t", ConsistencyLevel.Quorum)).Unavailable);
    }

    [Fact]
    public async Task ANY_writes_succeed_even_with_every_replica_down_as_a_hint_on_the_coordinator()
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions { Nodes = 2 }, "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        await using var _ = cluster;
        await using var __ = client;
        await cluster.Nodes[1].StopAsync();
        var k = Enumerable.Range(0, 1000).First(i => cluster.ReplicasOf("ks", Tokens.Of(ClusterTopologyTests.Int(i))).Single() == cluster.Nodes[1]);
        Assert.Equal((ConsistencyLevel.One, 1, 0), (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, 'x')", ConsistencyLevel.One)).Unavailable);
        (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, 'x')", ConsistencyLevel.Any)).ThrowIfError();
    }

    [Fact]
    public async Task Local_quorum_counts_the_coordinators_data_center_and_each_quorum_names_the_failing_one()
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions { NodeDataCenters = new[] { "dc1", "dc1", "dc2", "dc2" } },
            "{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 2}");
        await using var _ = cluster;
        await using var __ = client;
        await cluster.Nodes[2].StopAsync();
        await cluster.Nodes[3].StopAsync();

        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.LocalQuorum)).ThrowIfError();
        Assert.Single((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.LocalQuorum)).Rows().Rows);
        var each = await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.EachQuorum);
        Assert.Equal("Cannot achieve consistency level EACH_QUORUM in DC dc2", each.ErrorMessage);
        Assert.Equal((ConsistencyLevel.EachQuorum, 2, 0), each.Unavailable);
        Assert.Equal((ConsistencyLevel.Quorum, 3, 2), (await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.Quorum)).Unavailable);
    }

    [Fact]
    public async Task A_replication_factor_above_the_node_count_makes_quorum_unavailable_as_on_a_real_cluster()
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions { Nodes = 1 }, "{'class': 'SimpleStrategy', 'replication_factor': 3}");
        await using var _ = cluster;
        await using var __ = client;
        Assert.Equal((ConsistencyLevel.Quorum, 2, 1), (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.Quorum)).Unavailable);
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.One)).ThrowIfError();
    }

    [Theory]
    [InlineData("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.Any, "ANY ConsistencyLevel is only supported for writes")]
    [InlineData("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.Serial, "You must use conditional updates for serializable writes")]
    [InlineData("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.LocalSerial, "You must use conditional updates for serializable writes")]
    [InlineData("UPDATE ks.c SET n = n + 1 WHERE k = 1", ConsistencyLevel.Any, "Consistency level ANY is not yet supported for counter table c")]
    [InlineData("UPDATE ks.c SET n = n + 1 WHERE k = 1", ConsistencyLevel.Serial, "Counter operations are inherently non-serializable")]
    public async Task Levels_an_operation_cannot_use_are_refused_with_Cassandras_message(string cql, ConsistencyLevel level, string message)
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions(), "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.c (k int PRIMARY KEY, n counter)")).ThrowIfError();
        var response = await client.QueryAsync(cql, level);
        Assert.Equal(CqlErrorCode.Invalid, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
    }

    [Fact]
    public async Task Reads_at_SERIAL_and_writes_at_ANY_are_valid()
    {
        var (cluster, client) = await StartAsync(new CassandraEmulatorOptions(), "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, 'a')", ConsistencyLevel.Any)).ThrowIfError();
        Assert.Single((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1", ConsistencyLevel.Serial)).Rows().Rows);
    }
}
