using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra.Cluster;

/// <summary>Stopping and restarting nodes, server events, and schema changes that reach other nodes late.</summary>
public sealed class NodeLifecycleTests
{
    [Fact]
    public async Task A_stopped_node_closes_its_port_others_announce_it_down_then_up_when_it_restarts()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        await using var watcher = await TestCqlClient.ConnectAsync(cluster.Nodes[0].EndPoint);
        Assert.Equal(CqlOpcode.Ready, (await watcher.RegisterAsync("STATUS_CHANGE", "TOPOLOGY_CHANGE", "SCHEMA_CHANGE")).Opcode);
        await using (var doomed = await TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint))
        {
            await cluster.Nodes[1].StopAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => doomed.QueryAsync("SELECT * FROM system.local"));
        }
        Assert.False(cluster.Nodes[1].IsUp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal(("STATUS_CHANGE", "DOWN", cluster.Nodes[1].EndPoint), Event(await watcher.NextEventAsync()));

        await cluster.Nodes[1].StartAsync();
        Assert.Equal(("STATUS_CHANGE", "UP", cluster.Nodes[1].EndPoint), Event(await watcher.NextEventAsync()));
        await using var back = await TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint);
        Assert.Single((await back.QueryAsync("SELECT key FROM system.local")).Rows().Rows);
    }

    [Fact]
    public async Task Schema_changes_reach_other_nodes_after_the_propagation_delay_and_versions_disagree_meanwhile()
    {
        var options = new CassandraEmulatorOptions { Nodes = 2 };
        options.Settings.SchemaPropagationDelay = TimeSpan.FromMilliseconds(800);
        await using var cluster = await CassandraEmulator.StartAsync(options);
        await using var first = await TestCqlClient.ConnectAsync(cluster.Nodes[0].EndPoint);
        await using var second = await TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint);
        Assert.Equal(CqlOpcode.Ready, (await second.RegisterAsync("SCHEMA_CHANGE")).Opcode);

        (await first.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}")).ThrowIfError();
        var local = await SchemaVersion(first, "SELECT schema_version FROM system.local");
        var peerSeenFromFirst = await SchemaVersion(first, "SELECT schema_version FROM system.peers");
        Assert.NotEqual(local, peerSeenFromFirst);
        // The second node has not heard of ks yet: its DDL and reads see its own, older schema.
        var ddl = await second.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY)");
        Assert.Equal(CqlErrorCode.Invalid, ddl.ErrorCode);
        Assert.Equal("Keyspace 'ks' doesn't exist", ddl.ErrorMessage);
        Assert.Equal("Keyspace ks does not exist", (await second.QueryAsync("SELECT * FROM ks.t")).ErrorMessage);

        var evt = await second.NextEventAsync(TimeSpan.FromSeconds(10));
        var r = evt.Reader();
        Assert.Equal("SCHEMA_CHANGE", r.ReadString());
        Assert.Equal("CREATED", r.ReadString());
        Assert.Equal(local, await SchemaVersion(second, "SELECT schema_version FROM system.local"));
        Assert.Equal(local, await SchemaVersion(first, "SELECT schema_version FROM system.peers"));
    }

    [Fact]
    public async Task A_node_down_during_a_schema_change_takes_the_newest_schema_when_it_restarts()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 2 });
        await cluster.Nodes[1].StopAsync();
        await using var first = await TestCqlClient.ConnectAsync(cluster.Nodes[0].EndPoint);
        (await first.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        Assert.NotEqual(cluster.Nodes[0].SchemaVersion, cluster.Nodes[1].SchemaVersion);
        await cluster.Nodes[1].StartAsync();
        Assert.Equal(cluster.Nodes[0].SchemaVersion, cluster.Nodes[1].SchemaVersion);
    }

    [Fact]
    public async Task A_node_that_joins_or_leaves_is_announced_as_a_topology_change_and_takes_or_gives_up_its_tokens()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 2 });
        await using var watcher = await TestCqlClient.ConnectAsync(cluster.Nodes[0].EndPoint);
        Assert.Equal(CqlOpcode.Ready, (await watcher.RegisterAsync("TOPOLOGY_CHANGE")).Opcode);
        (await watcher.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();

        var joined = await cluster.AddNodeAsync();
        Assert.Equal(IPAddress.Parse("127.0.0.3"), joined.Address);
        Assert.Equal(cluster.EndPoint.Port, joined.EndPoint.Port);
        Assert.Equal(("TOPOLOGY_CHANGE", "NEW_NODE", joined.EndPoint), Event(await watcher.NextEventAsync()));
        var peers = (await watcher.QueryAsync("SELECT peer, tokens FROM system.peers")).Rows().Rows;
        Assert.Contains(peers, p => new IPAddress(p["peer"]!).Equals(joined.Address));
        // The new node owns some partitions now, and it knows the schema.
        Assert.Contains(Enumerable.Range(0, 500), k => cluster.ReplicasOf("ks", Synced.Emulators.Cassandra.Storage.Tokens.Of(ClusterTopologyTests.Int(k))).Single() == joined);
        await using (var direct = await TestCqlClient.ConnectAsync(joined.EndPoint))
            Assert.Single((await direct.QueryAsync("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'ks'")).Rows().Rows);

        await cluster.RemoveNodeAsync(cluster.Nodes[1]);
        var (type, change, address) = Event(await watcher.NextEventAsync());
        Assert.Equal(("TOPOLOGY_CHANGE", "REMOVED_NODE", IPAddress.Parse("127.0.0.2")), (type, change, address.Address));
        Assert.Equal(2, cluster.Nodes.Count);
        Assert.DoesNotContain((await watcher.QueryAsync("SELECT peer FROM system.peers")).Rows().Rows, p => new IPAddress(p["peer"]!).Equals(IPAddress.Parse("127.0.0.2")));
        Assert.All(Enumerable.Range(0, 200), k => Assert.NotEqual("127.0.0.2", cluster.ReplicasOf("ks", Synced.Emulators.Cassandra.Storage.Tokens.Of(ClusterTopologyTests.Int(k))).Single().Address.ToString()));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await cluster.RemoveNodeAsync(cluster.Nodes[1]);
            await cluster.RemoveNodeAsync(cluster.Nodes[0]);
        });
    }

    private static (string, string, IPEndPoint) Event(TestResponse response)
    {
        var r = response.Reader();
        return (r.ReadString(), r.ReadString(), r.ReadInet());
    }

    private static async Task<Guid> SchemaVersion(TestCqlClient client, string cql)
        => new((await client.QueryAsync(cql)).Rows().Rows.Single()["schema_version"], bigEndian: true);
}
