using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>-CreateMissing on a cluster whose DDL reaches the other nodes late.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly Guid Old = new("00000000-0000-0000-0000-0000000000aa");

    private static TableInfo Source => new("events", new[] { new ColumnInfo("id", ElasticsearchFieldType.Keyword), new ColumnInfo("tmstmp", ElasticsearchFieldType.Date) });

    [Fact]
    public async Task A_created_table_is_returned_once_every_live_node_knows_it()
    {
        await using var cluster = new ScriptedCluster(-100L, 0L, 100L);
        cluster.Nodes[0].PeerSchemaVersions[cluster.Nodes[2]] = Old;
        await using var store = await CassandraStore.ConnectAsync(cluster.StoreOptions(), "ks", CancellationToken.None);
        var clock = Stopwatch.StartNew();
        _ = Task.Delay(300).ContinueWith(t => cluster.Nodes[0].PeerSchemaVersions.TryRemove(cluster.Nodes[2], out var _));

        var created = await store.CreateTableAsync(Source, CancellationToken.None);

        Assert.Equal("events", created.Name);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"returned after {clock.Elapsed.TotalMilliseconds} ms, before the third node had the table");
    }

    [Fact]
    public async Task Nodes_that_do_not_agree_in_time_fail_the_table_with_their_versions_and_what_to_check()
    {
        await using var cluster = new ScriptedCluster(-100L, 0L, 100L);
        cluster.Nodes[0].PeerSchemaVersions[cluster.Nodes[1]] = Old;
        await using var store = await CassandraStore.ConnectAsync(cluster.StoreOptions(o => o.SchemaAgreementTimeout = TimeSpan.FromMilliseconds(300)), "ks", CancellationToken.None);

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => store.CreateTableAsync(Source, CancellationToken.None));

        Assert.Contains("table ks.events was created, but the nodes did not all report the new schema within 0.3 s", error.Message);
        Assert.Contains(Old.ToString(), error.Message);
        Assert.Contains(cluster.Nodes[1].ContactPoint, error.Message);
        Assert.Contains("nodetool describecluster", error.Message);
    }
}
