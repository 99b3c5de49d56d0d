using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>Warnings in Cassandra's response frames reach the caller of the store, once each.</summary>
public sealed class ServerWarningTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Warnings_a_node_attaches_to_scan_pages_reach_the_callback_and_the_store_once_each()
    {
        await using var cluster = new ScriptedCluster(0L);
        cluster.AddRows(30, Begin);
        const string tombstones = "Read 10 live rows and 1500 tombstone cells for query SELECT * FROM ks.t (see tombstone_warn_threshold)";
        cluster.PageWarnings = new[] { tombstones };
        var received = new ConcurrentQueue<string>();
        await using var store = await CassandraStore.ConnectAsync(cluster.StoreOptions(o => { o.PageSize = 10; o.ScanSplits = 1; o.OnWarning = received.Enqueue; }), "ks", CancellationToken.None);
        var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "t");

        var entries = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, new TimeRange(Begin, Begin.AddDays(1)), CancellationToken.None)) entries.Add(entry);

        Assert.Equal(30, entries.Count);
        Assert.True(cluster.Pages.Count >= 3);
        var warning = Assert.Single(received);
        Assert.Contains("warned while scanning ks.t", warning);
        Assert.EndsWith(tombstones, warning);
        Assert.Equal(new[] { warning }, store.ServerWarnings);
    }

    [Fact]
    public void Past_the_cap_distinct_warnings_are_counted_but_not_passed_on()
    {
        var passed = new List<string>();
        var warnings = new ServerWarnings(passed.Add);

        for (var i = 0; i < ServerWarnings.Cap + 10; i++)
        {
            warnings.Add($"warning {i}");
            warnings.Add($"warning {i}");
        }

        Assert.Equal(ServerWarnings.Cap + 1, passed.Count);
        Assert.Contains("more than 50 distinct warnings", passed.Last());
        var snapshot = warnings.Snapshot();
        Assert.Equal(ServerWarnings.Cap + 1, snapshot.Count);
        Assert.Equal("10 more Cassandra warning(s) not shown", snapshot[^1]);
    }
}
