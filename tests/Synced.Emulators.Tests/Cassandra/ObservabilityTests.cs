using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Storage;
using Synced.Emulators.Tests.Cassandra.Cluster;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>What a client can read about the work a request cost: query tracing and system_views.rows_examined.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task A_traced_request_carries_its_session_id_and_system_traces_shows_the_coordinator_and_the_rows_read()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int, c int, PRIMARY KEY (k, c))")).ThrowIfError();
        for (var c = 0; c < 5; c++) (await client.QueryAsync($"INSERT INTO ks.t (k, c) VALUES (3, {c})")).ThrowIfError();
        var replica = cluster.ReplicasOf("ks", Tokens.Of(ClusterTopologyTests.Int(3))).Single();
        // Through a node that is not the replica, so the trace shows the read on the replica.
        var coordinator = cluster.Nodes.First(n => n != replica);
        await using var traced = await TestCqlClient.ConnectAsync(coordinator.EndPoint);

        var response = await traced.QueryAsync("SELECT * FROM ks.t WHERE k = 3", tracing: true);
        Assert.Equal(5, response.Rows().Rows.Count);
        var session = Assert.IsType<Guid>(response.TracingId);

        var id = new byte[16];
        session.TryWriteBytes(id, bigEndian: true, out _);
        var row = (await traced.QueryAsync("SELECT coordinator, duration, request, parameters FROM system_traces.sessions WHERE session_id = ?", values: new[] { id })).Rows().Rows.Single();
        Assert.Equal(coordinator.Address, new IPAddress(row["coordinator"]!));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(row["duration"]) > 0);
        Assert.Equal("Execute CQL3 query", Encoding.UTF8.GetString(row["request"]!));
        Assert.Equal("SELECT * FROM ks.t WHERE k = 3", Cassandra5Tests.Map(row["parameters"]!)["query"]);

        var events = (await traced.QueryAsync("SELECT activity, source FROM system_traces.events WHERE session_id = ?", values: new[] { id })).Rows().Rows
            .Select(e => (Activity: Encoding.UTF8.GetString(e["activity"]!), Source: new IPAddress(e["source"]!))).ToList();
        Assert.Contains(("Read 5 live rows and 0 tombstone cells", replica.Address), events);
        Assert.Contains(($"Sending READ_REQ message to /{replica.Address}:7000", coordinator.Address), events);
        Assert.Contains(events, e => e.Activity.StartsWith("Parsing SELECT", StringComparison.Ordinal) && e.Source.Equals(coordinator.Address));
    }

    [Fact]
    public async Task Requests_without_the_tracing_flag_leave_no_trace()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        var response = await client.QueryAsync("SELECT key FROM system.local");
        Assert.Null(response.TracingId);
        Assert.Empty((await client.QueryAsync("SELECT session_id FROM system_traces.sessions")).Rows().Rows);
    }

    [Fact]
    public async Task Rows_examined_is_a_virtual_table_any_driver_can_read()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v int)")).ThrowIfError();
        for (var k = 0; k < 30; k++) (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, {k % 3})")).ThrowIfError();
        Assert.Equal(10, (await client.QueryAsync("SELECT * FROM ks.t WHERE v = 1 ALLOW FILTERING")).Rows().Rows.Count);
        Assert.Single((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 4")).Rows().Rows);

        var row = (await client.QueryAsync("SELECT rows_examined, rows_returned FROM system_views.rows_examined WHERE keyspace_name = 'ks' AND table_name = 't'")).Rows().Rows.Single();
        Assert.Equal(31, BinaryPrimitives.ReadInt64BigEndian(row["rows_examined"]));
        Assert.Equal(11, BinaryPrimitives.ReadInt64BigEndian(row["rows_returned"]));
        var tables = (await client.QueryAsync("SELECT table_name FROM system_virtual_schema.tables WHERE keyspace_name = 'system_views'")).Rows().Rows;
        Assert.Contains("rows_examined", tables.Select(t => Encoding.UTF8.GetString(t["table_name"]!)));
    }
}
