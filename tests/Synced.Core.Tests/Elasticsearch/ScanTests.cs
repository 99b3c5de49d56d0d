using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;
using Xunit;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Scans of a tmstmp range through the store, against the emulator.</summary>
public class ScanTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TableInfo Users = EmulatedCluster.CassandraTable("users", ("name", "text"), ("age", "int"));

    private async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartAsync(int pageSize = 1000, string? version = null)
    {
        var cluster = await EmulatedCluster.StartAsync(version ?? Version);
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", PageSize = pageSize });
        var table = await store.CreateTableAsync(Users, CancellationToken.None);
        return (cluster, store, table);
    }

    private static async Task<List<SyncEntry>> ScanAsync(ISyncStore store, TableInfo table, DateTime begin, DateTime end, CancellationToken cancellationToken = default)
    {
        var result = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, new TimeRange(begin, end), cancellationToken)) result.Add(entry);
        return result;
    }

    private static async Task WriteAsync(ElasticsearchStore store, TableInfo table, params SyncEntry[] entries)
    {
        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);
        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
    }

    [Fact]
    public async Task Range_includes_begin_and_excludes_end()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var begin = T0;
        var end = T0.AddSeconds(10);
        var before = EmulatedCluster.Entry("users", Guid.NewGuid(), begin.AddMilliseconds(-1));
        var atBegin = EmulatedCluster.Entry("users", Guid.NewGuid(), begin);
        var inside = EmulatedCluster.Entry("users", Guid.NewGuid(), begin.AddSeconds(5));
        var lastIn = EmulatedCluster.Entry("users", Guid.NewGuid(), end.AddMilliseconds(-1));
        var atEnd = EmulatedCluster.Entry("users", Guid.NewGuid(), end);
        await WriteAsync(store, table, before, atBegin, inside, lastIn, atEnd);

        var found = (await ScanAsync(store, table, begin, end)).Select(e => e.Id).ToHashSet();

        Assert.Equal(new[] { atBegin.Id, inside.Id, lastIn.Id }.ToHashSet(), found);
    }

    [Fact]
    public async Task A_sub_millisecond_begin_still_finds_the_entry_stored_in_that_millisecond()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        // Written at 12:00:00.0007: Elasticsearch keeps 12:00:00.000.
        var entry = EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddTicks(7000));
        var earlier = EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(-1));
        await WriteAsync(store, table, entry, earlier);

        var found = await ScanAsync(store, table, T0.AddTicks(5000), T0.AddSeconds(1));

        var only = Assert.Single(found);
        Assert.Equal(entry.Id, only.Id);
        Assert.Equal(T0, only.Tmstmp);
    }

    [Fact]
    public async Task A_sub_millisecond_end_includes_the_millisecond_it_falls_in()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var end = T0.AddSeconds(1).AddTicks(3000);
        var entry = EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddSeconds(1).AddTicks(1000));
        var after = EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddSeconds(1).AddMilliseconds(1));
        await WriteAsync(store, table, entry, after);

        var found = await ScanAsync(store, table, T0, end);

        Assert.Equal(entry.Id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Pages_return_every_entry_exactly_once_and_the_point_in_time_is_closed()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 7);
        await using var _ = cluster;
        var entries = Enumerable.Range(0, 30).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i), ("age", (long)i))).ToArray();
        await WriteAsync(store, table, entries);

        var found = await ScanAsync(store, table, T0, T0.AddMinutes(1));

        Assert.Equal(30, found.Count);
        Assert.Equal(entries.Select(e => e.Id).OrderBy(g => g), found.Select(e => e.Id).OrderBy(g => g));
        Assert.Equal(1, store.Scanner.ContextsOpened);
        Assert.Equal(1, store.Scanner.ContextsClosed);
        await AssertPointInTimeGoneAsync(cluster, store.Scanner.LastContextId!);
    }

    [Fact]
    public async Task A_scan_of_an_index_large_enough_to_be_searched_on_every_core_returns_the_range_exactly_once()
    {
        // 30,000 documents: past the size from which the emulator searches a shard on every core at once.
        var (cluster, store, table) = await StartAsync(pageSize: 5000);
        await using var _ = cluster;
        var entries = Enumerable.Range(0, 30_000).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i), ("age", (long)i))).ToArray();
        foreach (var chunk in entries.Chunk(5000)) await WriteAsync(store, table, chunk);

        // The first and last thousand milliseconds fall outside the range.
        var found = await ScanAsync(store, table, T0.AddMilliseconds(1000), T0.AddMilliseconds(29_000));

        Assert.Equal(28_000, found.Count);
        Assert.Equal(entries.Skip(1000).Take(28_000).Select(e => e.Id).OrderBy(g => g), found.Select(e => e.Id).OrderBy(g => g));
    }

    [Fact]
    public async Task Documents_written_without_refresh_are_found_because_the_scan_refreshes_first()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), $"{{\"id\":\"{id}\",\"tmstmp\":\"2024-03-01T12:00:00.500Z\",\"name\":\"ann\"}}");

        var found = await ScanAsync(store, table, T0, T0.AddSeconds(1));

        var entry = Assert.Single(found);
        Assert.Equal(id, entry.Id);
        Assert.Equal("ann", entry.Fields["name"]);
    }

    [Fact]
    public async Task Hits_convert_to_entries_with_json_values_and_epoch_millis_tmstmp()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(),
            $"{{\"id\":\"{id}\",\"tmstmp\":1709294400123,\"name\":\"bo\",\"age\":41,\"big\":\"123456789012345678901234567890\",\"ratio\":0.25,\"tags\":[\"a\",\"b\"],\"address\":{{\"city\":\"Bern\"}},\"flag\":true}}");

        var entry = Assert.Single(await ScanAsync(store, table, T0, T0.AddSeconds(1)));

        Assert.Equal(T0.AddMilliseconds(123), entry.Tmstmp);
        Assert.Equal(DateTimeKind.Utc, entry.Tmstmp.Kind);
        Assert.Equal("bo", entry.Fields["name"]);
        Assert.Equal(41L, entry.Fields["age"]);
        Assert.Equal("123456789012345678901234567890", entry.Fields["big"]);
        Assert.Equal(0.25m, entry.Fields["ratio"]);
        Assert.Equal(new List<object?> { "a", "b" }, entry.Fields["tags"]);
        Assert.Equal("Bern", Assert.IsType<Dictionary<string, object?>>(entry.Fields["address"])["city"]);
        Assert.Equal(true, entry.Fields["flag"]);
        Assert.False(entry.Fields.ContainsKey("id"));
        Assert.False(entry.Fields.ContainsKey("tmstmp"));
    }

    [Fact]
    public async Task Cancelling_a_scan_closes_its_point_in_time()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 2);
        await using var _ = cluster;
        await WriteAsync(store, table, Enumerable.Range(0, 10).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray());

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), cancel.Token))
            {
                if (++seen == 3) cancel.Cancel();
            }
        });

        Assert.Equal(3, seen);
        Assert.Equal(1, store.Scanner.ContextsClosed);
        await AssertPointInTimeGoneAsync(cluster, store.Scanner.LastContextId!);
    }

    [Fact]
    public async Task The_next_page_is_asked_for_before_the_entries_of_this_one_are_handed_on()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 2);
        await using var _ = cluster;
        await WriteAsync(store, table, Enumerable.Range(0, 6).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray());
        var searches = 0;
        cluster.Emulator.Faults.OnRequest = (request, _) =>
        {
            if (request.Path.EndsWith("_search", StringComparison.Ordinal)) Interlocked.Increment(ref searches);
            return Task.CompletedTask;
        };

        var seenWhileOnFirstEntry = -1;
        var found = 0;
        await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None))
        {
            if (++found == 1)
            {
                for (var i = 0; i < 500 && Volatile.Read(ref searches) < 2; i++) await Task.Delay(10);
                seenWhileOnFirstEntry = Volatile.Read(ref searches);
            }
        }

        Assert.Equal(6, found);
        Assert.Equal(2, seenWhileOnFirstEntry);
        Assert.Equal(1, store.Scanner.ContextsClosed);
    }

    [Fact]
    public async Task Stopping_early_closes_the_point_in_time()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 2);
        await using var _ = cluster;
        await WriteAsync(store, table, Enumerable.Range(0, 6).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray());

        await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None))
            break;

        Assert.Equal(1, store.Scanner.ContextsClosed);
        await AssertPointInTimeGoneAsync(cluster, store.Scanner.LastContextId!);
    }

    [Fact]
    public async Task A_document_without_a_uuid_is_an_unreadable_entry_and_the_rest_of_the_index_is_read()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var good = Guid.NewGuid();
        await cluster.PutAsync("app-users", "not-a-uuid", "{\"id\":\"not-a-uuid\",\"tmstmp\":\"2024-03-01T12:00:00.100Z\"}");
        await cluster.PutAsync("app-users", good.ToString(), $"{{\"id\":\"{good}\",\"tmstmp\":\"2024-03-01T12:00:00.200Z\"}}");

        var entries = await ScanAsync(store, table, T0, T0.AddSeconds(1));

        Assert.Equal(2, entries.Count);
        var unreadable = Assert.Single(entries, e => e.ReadError is not null);
        Assert.Equal("app-users/not-a-uuid", unreadable.SourceKey);
        Assert.Contains("no UUID id", unreadable.ReadError);
        Assert.Equal(T0.AddMilliseconds(100), unreadable.Tmstmp);
        Assert.Contains(entries, e => e.Id == good && e.ReadError is null);
        Assert.Equal(1, store.Scanner.ContextsClosed);
        Assert.Equal(0, cluster.Emulator.OpenPointsInTime);
    }

    [Fact]
    public async Task A_document_without_a_readable_tmstmp_is_an_unreadable_entry()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        using var broken = System.Text.Json.JsonDocument.Parse($"{{\"_index\":\"app-users\",\"_id\":\"{id}\",\"_source\":{{\"id\":\"{id}\",\"tmstmp\":\"sometime\"}}}}");

        var entry = store.Scanner.ToEntry(broken.RootElement, "app-users", "users");

        Assert.Contains("no readable tmstmp", entry.ReadError);
        Assert.Equal($"app-users/{id}", entry.SourceKey);
    }

    [Fact]
    public async Task A_failing_page_request_fails_the_scan_and_closes_the_point_in_time()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 2);
        await using var _ = cluster;
        await WriteAsync(store, table, Enumerable.Range(0, 6).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray());
        var seen = 0;
        cluster.Emulator.Faults.FailRequests(1, 500, r => r.IsEndpoint("_search") && r.BodyText.Contains("search_after"));

        var ex = await Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
        {
            await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) seen++;
        });

        Assert.Equal(2, seen);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(0, cluster.Emulator.OpenPointsInTime);
    }

    [Fact]
    public async Task Scanning_a_table_without_index_names_the_index()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var ghost = new TableInfo("ghost", Array.Empty<ColumnInfo>());

        var ex = await Assert.ThrowsAsync<ElasticsearchStoreException>(() => ScanAsync(store, ghost, T0, T0.AddSeconds(1)));

        Assert.Contains("app-ghost", ex.Message);
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task Servers_before_7_12_are_scanned_with_a_scroll_that_is_cleared()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 3, version: "7.10.2");
        await using var _ = cluster;
        Assert.False(store.Connection.SupportsPointInTime);
        var entries = Enumerable.Range(0, 8).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray();
        await WriteAsync(store, table, entries);

        var found = await ScanAsync(store, table, T0, T0.AddSeconds(1));

        Assert.Equal(entries.Select(e => e.Id).OrderBy(g => g), found.Select(e => e.Id).OrderBy(g => g));
        Assert.Equal(1, store.Scanner.ContextsClosed);
        Assert.Equal(0, cluster.Emulator.OpenScrolls);
        var (status, _) = await cluster.SendAsync(EsMethod.POST, "/_search/scroll",
            $"{{\"scroll\":\"1m\",\"scroll_id\":\"{store.Scanner.LastContextId}\"}}");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Cancelling_a_scroll_scan_clears_the_scroll()
    {
        var (cluster, store, table) = await StartAsync(pageSize: 2, version: "7.10.2");
        await using var _ = cluster;
        await WriteAsync(store, table, Enumerable.Range(0, 8).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i))).ToArray());
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), cancel.Token)) cancel.Cancel();
        });

        Assert.Equal(1, store.Scanner.ContextsClosed);
        Assert.Equal(0, cluster.Emulator.OpenScrolls);
    }

    private static async Task AssertPointInTimeGoneAsync(EmulatedCluster cluster, string pointInTime)
    {
        Assert.Equal(0, cluster.Emulator.OpenPointsInTime);
        var (status, _) = await cluster.SendAsync(EsMethod.POST, "/_search",
            $"{{\"size\":1,\"pit\":{{\"id\":\"{pointInTime}\",\"keep_alive\":\"1m\"}},\"sort\":[{{\"_shard_doc\":\"asc\"}}]}}");
        Assert.Equal(404, status);
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class ScanTestsOnElasticsearch8 : ScanTests
{
    protected override string Version => EmulatedCluster.Version8;
}
