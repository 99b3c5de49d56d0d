using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Storage;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra.Cluster;

/// <summary>Several nodes on 127.0.0.1..N, one port: how they list each other and where data lives.</summary>
public sealed class ClusterTopologyTests
{
    [Fact]
    public async Task Three_nodes_listen_on_consecutive_loopback_addresses_on_one_port_each_with_sixteen_tokens()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        Assert.Equal(new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" }, cluster.Nodes.Select(n => n.Address.ToString()));
        Assert.Single(cluster.Nodes.Select(n => n.EndPoint.Port).Distinct());
        Assert.All(cluster.Nodes, n => Assert.Equal(16, n.Tokens.Count));
        Assert.Equal(48, cluster.Nodes.SelectMany(n => n.Tokens).Distinct().Count());
        foreach (var node in cluster.Nodes)
        {
            await using var client = await TestCqlClient.ConnectAsync(node.EndPoint);
            var local = (await client.QueryAsync("SELECT host_id, tokens, data_center, rack, rpc_address FROM system.local")).Rows().Rows.Single();
            Assert.Equal(node.HostId, new Guid(local["host_id"], bigEndian: true));
            Assert.Equal(node.Address, new IPAddress(local["rpc_address"]!));
            Assert.Equal(16, BinaryPrimitives.ReadInt32BigEndian(local["tokens"]));
        }
    }

    [Fact]
    public async Task Peers_and_peers_v2_list_every_other_node_with_its_tokens_host_id_and_native_address()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { NodeDataCenters = new[] { "dc1", "dc1", "dc2" } });
        await using var client = await TestCqlClient.ConnectAsync(cluster.Nodes[1].EndPoint);
        var peers = (await client.QueryAsync("SELECT peer, data_center, host_id, rpc_address, tokens, schema_version FROM system.peers")).Rows().Rows;
        var v2 = (await client.QueryAsync("SELECT peer, native_address, native_port, data_center, rack, host_id FROM system.peers_v2")).Rows().Rows;
        var others = new[] { cluster.Nodes[0], cluster.Nodes[2] };
        Assert.Equal(others.Select(n => n.Address).OrderBy(a => a.ToString()), peers.Select(p => new IPAddress(p["peer"]!)).OrderBy(a => a.ToString()));
        foreach (var node in others)
        {
            var row = peers.Single(p => new IPAddress(p["peer"]!).Equals(node.Address));
            Assert.Equal(node.DataCenter, Encoding.UTF8.GetString(row["data_center"]!));
            Assert.Equal(node.HostId, new Guid(row["host_id"], bigEndian: true));
            Assert.Equal(node.SchemaVersion, new Guid(row["schema_version"], bigEndian: true));
            var row2 = v2.Single(p => new IPAddress(p["peer"]!).Equals(node.Address));
            Assert.Equal(node.Address, new IPAddress(row2["native_address"]!));
            Assert.Equal(node.EndPoint.Port, BinaryPrimitives.ReadInt32BigEndian(row2["native_port"]));
            Assert.Equal("rack1", Encoding.UTF8.GetString(row2["rack"]!));
        }
    }

    [Fact]
    public async Task A_row_written_through_one_node_is_read_through_any_other_and_served_by_its_replicas()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        await using var first = await TestCqlClient.ConnectAsync(cluster.Nodes[0].EndPoint);
        (await first.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}")).ThrowIfError();
        (await first.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)")).ThrowIfError();
        (await first.QueryAsync("INSERT INTO ks.t (k, v) VALUES (7, 'seven')")).ThrowIfError();
        var token = Tokens.Of(Int(7));
        var replicas = cluster.ReplicasOf("ks", token);
        Assert.Equal(2, replicas.Count);

        await using var third = await TestCqlClient.ConnectAsync(cluster.Nodes[2].EndPoint);
        cluster.Requests.Clear();
        var rows = (await third.QueryAsync("SELECT v FROM ks.t WHERE k = 7")).Rows().Rows;
        Assert.Equal("seven", Encoding.UTF8.GetString(rows.Single()["v"]!));
        var record = cluster.Requests.Snapshot().Single();
        Assert.Equal(cluster.Nodes[2].EndPoint, record.Coordinator);
        Assert.Equal(new[] { token }, record.Tokens);
        // At ONE a single replica serves; the coordinator reads from itself when it is one.
        var served = Assert.Single(record.Replicas);
        Assert.Contains(served, replicas.Select(r => r.Address));
        if (replicas.Any(r => r.Address.Equals(cluster.Nodes[2].Address))) Assert.Equal(cluster.Nodes[2].Address, served);
    }

    [Fact]
    public async Task A_write_is_recorded_with_every_live_replica_of_its_partition()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)")).ThrowIfError();
        cluster.Requests.Clear();
        for (var k = 0; k < 20; k++) (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, 'x')")).ThrowIfError();
        foreach (var (record, k) in cluster.Requests.Snapshot().Select((r, i) => (r, i)))
        {
            var expected = cluster.ReplicasOf("ks", Tokens.Of(Int(k))).Select(n => n.Address.ToString()).OrderBy(a => a);
            Assert.Equal(expected, record.Replicas.Select(a => a.ToString()).OrderBy(a => a));
        }
    }

    [Fact]
    public async Task NetworkTopologyStrategy_places_the_given_number_of_replicas_in_each_data_center()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { NodeDataCenters = new[] { "dc1", "dc1", "dc1", "dc2", "dc2" } });
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}")).ThrowIfError();
        for (var k = 0; k < 50; k++)
        {
            var replicas = cluster.ReplicasOf("ks", Tokens.Of(Int(k)));
            Assert.Equal(2, replicas.Count(r => r.DataCenter == "dc1"));
            Assert.Equal(1, replicas.Count(r => r.DataCenter == "dc2"));
        }
    }

    [Fact]
    public async Task A_data_center_the_cluster_does_not_have_is_refused_as_Cassandra_4_does()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 2 });
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        var response = await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc9': 1}");
        Assert.Equal(CqlErrorCode.ConfigError, response.ErrorCode);
        Assert.Equal("Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace ks", response.ErrorMessage);
    }

    [Fact]
    public async Task Every_node_of_the_ring_owns_a_share_of_the_tokens_of_random_keys()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 4 });
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        var owners = Enumerable.Range(0, 4000).Select(k => cluster.ReplicasOf("ks", Tokens.Of(Int(k))).Single().Address.ToString())
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, owners.Count);
        Assert.All(owners.Values, count => Assert.InRange(count, 500, 1500));
    }

    internal static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
