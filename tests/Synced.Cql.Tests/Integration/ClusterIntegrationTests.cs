using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Integration;

/// <summary>The client on an emulated cluster of several nodes: token-aware routing and schema agreement.</summary>
public sealed class ClusterIntegrationTests
{
    private static CqlClusterOptions ClientOptions(CassandraEmulator emulator)
    {
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(10) };
        options.ContactPoints.Add(emulator.EndPoint.ToString());
        return options;
    }

    private static async Task<(CassandraEmulator, CqlSession)> StartAsync(CassandraEmulatorOptions options)
    {
        options.Port = 0;
        var emulator = await CassandraEmulator.StartAsync(options);
        return (emulator, await CqlSession.ConnectAsync(ClientOptions(emulator)));
    }

    [Theory]
    [InlineData("{'class': 'SimpleStrategy', 'replication_factor': 2}", new[] { "dc1", "dc1", "dc1" })]
    [InlineData("{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}", new[] { "dc1", "dc1", "dc2", "dc2" })]
    public async Task Every_write_and_read_of_a_partition_lands_on_one_of_its_replicas_in_the_local_data_center(string replication, string[] dataCenters)
    {
        var (emulator, session) = await StartAsync(new CassandraEmulatorOptions { NodeDataCenters = dataCenters });
        await using (emulator)
        await using (session)
        {
            await session.ExecuteAsync($"CREATE KEYSPACE ks WITH replication = {replication}");
            await session.ExecuteAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)");
            var insert = await session.PrepareAsync("INSERT INTO ks.t (k, v) VALUES (?, ?)");
            var select = await session.PrepareAsync("SELECT v FROM ks.t WHERE k = ?");
            emulator.Requests.Clear();

            for (var k = 0; k < 60; k++)
            {
                await session.ExecuteAsync(insert.Bind(k, "v" + k));
                Assert.Equal("v" + k, (await session.ExecuteAsync(select.Bind(k))).Rows![0].GetString("v"));
            }

            // A node logs a request as it answers it: the last one may land just after its answer.
            var executions = emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute).ToList();
            for (var i = 0; i < 100 && executions.Count < 120; i++)
            {
                await Task.Delay(20);
                executions = emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute).ToList();
            }

            Assert.Equal(120, executions.Count);
            Assert.All(executions, r => Assert.True(r.CoordinatorWasReplica, $"{r} was not coordinated by a replica"));
            Assert.All(executions, r => Assert.Equal("dc1", emulator.Nodes.Single(n => n.Address.Equals(r.Coordinator.Address)).DataCenter));
            Assert.True(executions.Select(r => r.Coordinator.Address).Distinct().Count() >= 2, "the load is spread over the replicas");
        }
    }

    [Fact]
    public async Task Ddl_returns_when_every_node_has_the_change_so_the_next_statement_works_on_any_node()
    {
        var (emulator, session) = await StartAsync(new CassandraEmulatorOptions { Nodes = 3 });
        await using (emulator)
        await using (session)
        {
            await session.ExecuteAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
            emulator.Settings.SchemaPropagationDelay = TimeSpan.FromMilliseconds(600);
            var clock = Stopwatch.StartNew();

            var created = await session.ExecuteAsync("CREATE TABLE ks.late (k int PRIMARY KEY, v text)");

            Assert.True(created.SchemaInAgreement);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500), $"returned after {clock.Elapsed.TotalMilliseconds} ms, before the change reached the other nodes");
            var insert = await session.PrepareAsync("INSERT INTO ks.late (k, v) VALUES (?, ?)");
            for (var k = 0; k < 30; k++)
            {
                await session.ExecuteAsync(insert.Bind(k, "x"));
            }

            Assert.Equal(3, emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute && r.Error is null).Select(r => r.Coordinator.Address).Distinct().Count());
        }
    }
}
