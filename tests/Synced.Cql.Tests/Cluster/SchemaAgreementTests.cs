using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Client;
using Xunit;

namespace Synced.Cql.Tests.Cluster;

/// <summary>After DDL the session waits until the live nodes report one schema version, as real drivers do.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly Guid Old = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid New = new("00000000-0000-0000-0000-00000000000b");

    private static CqlClusterOptions Options(FakeCqlServer contact, TimeSpan timeout)
    {
        var options = new CqlClusterOptions
        {
            ConnectionsPerHost = 1,
            HeartbeatInterval = TimeSpan.Zero,
            SchemaAgreementTimeout = timeout,
            SchemaAgreementInterval = TimeSpan.FromMilliseconds(50),
            ReconnectBaseDelay = TimeSpan.FromSeconds(30),
        };
        options.ContactPoints.Add(contact.ContactPoint);
        return options;
    }

    /// <summary>Three nodes; DDL is answered with a schema change by every node.</summary>
    private static FakeCqlServer[] Cluster()
    {
        var nodes = new[] { new FakeCqlServer { Tokens = new[] { 0L } }, new FakeCqlServer { Tokens = new[] { 100L } }, new FakeCqlServer { Tokens = new[] { 200L } } };
        nodes[0].Peers.AddRange(nodes.Skip(1));
        foreach (var node in nodes)
        {
            node.SchemaVersion = New;
            node.OnRequest = r => r.ReplyAsync(Opcode.Result, w =>
            {
                w.WriteInt((int)ResultKind.SchemaChange);
                new SchemaChange("CREATED", "TABLE", "ks", "t").WriteTo(w);
            });
        }

        return nodes;
    }

    [Fact]
    public async Task A_schema_change_returns_once_every_live_node_reports_the_new_schema_version()
    {
        var nodes = Cluster();
        try
        {
            nodes[0].PeerSchemaVersions[nodes[2]] = Old; // gossip has not brought the change to node 3 yet
            await using var session = await CqlSession.ConnectAsync(Options(nodes[0], TimeSpan.FromSeconds(10)));
            var clock = Stopwatch.StartNew();
            _ = Task.Delay(400).ContinueWith(t => nodes[0].PeerSchemaVersions.TryRemove(nodes[2], out var _));

            var result = await session.ExecuteAsync("CREATE TABLE ks.t (k int PRIMARY KEY)");

            Assert.True(result.SchemaInAgreement);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"returned after {clock.Elapsed.TotalMilliseconds} ms, before node 3 had the schema");
            Assert.Equal(3, result.SchemaAgreement!.Versions.Count);
            Assert.All(result.SchemaAgreement.Versions.Values, v => Assert.Equal(New, v));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_agreement_in_time_the_result_says_so_with_each_nodes_version()
    {
        var nodes = Cluster();
        try
        {
            nodes[0].PeerSchemaVersions[nodes[1]] = Old;
            await using var session = await CqlSession.ConnectAsync(Options(nodes[0], TimeSpan.FromMilliseconds(300)));

            var result = await session.ExecuteAsync("CREATE TABLE ks.t (k int PRIMARY KEY)");

            Assert.False(result.SchemaInAgreement);
            Assert.Equal(Old, result.SchemaAgreement!.Versions[session.Hosts.Single(h => h.EndPoint.Equals(nodes[1].EndPoint)).Address]);
            Assert.Contains(Old.ToString(), result.SchemaAgreement.ToString());
            Assert.True(result.SchemaAgreement.Waited >= TimeSpan.FromMilliseconds(300));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_that_is_down_does_not_hold_up_agreement()
    {
        var nodes = Cluster();
        try
        {
            nodes[0].PeerSchemaVersions[nodes[2]] = Old;
            nodes[2].Stop();
            await using var session = await CqlSession.ConnectAsync(Options(nodes[0], TimeSpan.FromSeconds(5)));
            for (var i = 0; i < 200 && session.Hosts.Single(h => h.EndPoint.Equals(nodes[2].EndPoint)).IsUp; i++)
            {
                await Task.Delay(10);
            }

            var clock = Stopwatch.StartNew();
            var result = await session.ExecuteAsync(new SimpleStatement("CREATE TABLE ks.t (k int PRIMARY KEY)") { RoutingToken = 0L, RoutingKeyspace = "ks" });

            Assert.True(result.SchemaInAgreement);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
            Assert.Equal(2, result.SchemaAgreement!.Versions.Count);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
