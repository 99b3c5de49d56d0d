using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Cql.Tests.Client;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>The store's scan on several (scripted) nodes: routed to replicas, surviving a node that goes down.</summary>
public sealed class ClusterScanTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Range = new(Begin, Begin.AddMonths(1));
    private static readonly long[] ThreeNodes = { -6_000_000_000_000_000_000L, 0L, 6_000_000_000_000_000_000L };

    private static Dictionary<string, string> Simple(int factor)
        => new() { ["class"] = "org.apache.cassandra.locator.SimpleStrategy", ["replication_factor"] = factor.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The nodes of <paramref name="cluster"/> holding <paramref name="token"/> under SimpleStrategy with <paramref name="factor"/>.</summary>
    private static List<FakeCqlServer> ReplicasOf(ScriptedCluster cluster, long token, int factor)
    {
        var ordered = cluster.Nodes.OrderBy(n => n.Tokens[0]).ToList();
        var first = ordered.FindIndex(n => n.Tokens[0] >= token);
        if (first < 0) first = 0;
        return Enumerable.Range(0, factor).Select(i => ordered[(first + i) % ordered.Count]).ToList();
    }

    private static async Task<List<SyncEntry>> ScanAsync(ScriptedCluster cluster, Action<CassandraStoreOptions>? configure = null)
    {
        await using var store = await CassandraStore.ConnectAsync(cluster.StoreOptions(configure), "ks", CancellationToken.None);
        var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "t");
        var entries = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, Range, CancellationToken.None)) entries.Add(entry);
        return entries;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Every_page_of_a_scan_is_read_from_a_replica_of_its_token_range(int factor)
    {
        await using var cluster = new ScriptedCluster(ThreeNodes);
        cluster.SetReplication(Simple(factor));
        cluster.AddRows(300, Begin);

        var entries = await ScanAsync(cluster, o => { o.ScanSplits = 12; o.PageSize = 20; });

        Assert.Equal(cluster.Ids.OrderBy(g => g), entries.Select(e => e.Id).OrderBy(g => g));
        Assert.NotEmpty(cluster.Pages);
        foreach (var page in cluster.Pages)
            Assert.Contains(page.Node, ReplicasOf(cluster, page.End, factor));
        if (factor == 2)
            Assert.True(cluster.Pages.Select(p => p.Node).Distinct().Count() == 3, "the replicas share the scan");
    }

    [Fact]
    public async Task A_node_going_down_mid_scan_leaves_its_sub_range_to_another_replica_and_nothing_is_skipped_or_read_twice()
    {
        await using var cluster = new ScriptedCluster(ThreeNodes);
        cluster.SetReplication(Simple(3));
        cluster.AddRows(400, Begin);
        FakeCqlServer? stopped = null;
        var servedByVictim = 0;
        cluster.BeforePage = (node, _) =>
        {
            if (stopped is null && node == cluster.Nodes[1] && ++servedByVictim == 3)
            {
                // The node dies while it holds this page's request: no answer, connections gone.
                stopped = node;
                node.Stop();
                return Task.FromResult(false);
            }
            return Task.FromResult(true);
        };

        var entries = await ScanAsync(cluster, o => { o.ScanSplits = 3; o.PageSize = 25; o.ReadParallelism = 3; });

        Assert.NotNull(stopped);
        var read = entries.Select(e => e.Id).ToList();
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(cluster.Ids.OrderBy(g => g), read.OrderBy(g => g));
    }

    [Fact]
    public async Task Empty_pages_mid_scan_and_an_empty_last_page_neither_end_the_scan_early_nor_repeat_it()
    {
        await using var cluster = new ScriptedCluster(0L);
        cluster.SetReplication(Simple(1));
        cluster.AddRows(50, Begin);
        cluster.EmptyPageEvery = 2;

        var entries = await ScanAsync(cluster, o => { o.ScanSplits = 1; o.PageSize = 10; o.ReadParallelism = 1; });

        Assert.Equal(cluster.Ids, entries.Select(e => e.Id));
        // 5 pages of rows, an empty page after every 2 of them, and the empty page after the last row.
        var pages = cluster.Pages.Select(p => p.Rows).ToList();
        Assert.Equal(new[] { 10, 10, 0, 10, 10, 0, 10, 0 }, pages.Take(8));
        Assert.Equal(50, pages.Sum());
        Assert.Equal(0, pages.Last());
    }
}
