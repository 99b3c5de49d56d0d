using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Tests.TestStores;
using Synced.Core.Time;
using Xunit;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// A search page that Elasticsearch marks as partial (a failed shard, or timed_out) is HTTP 200 with fewer hits: the
/// scan must fail instead of taking it as complete (issue 8, item 4).
/// </summary>
public class PartialResultTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    protected virtual string Version => EmulatedCluster.Version7;

    private const string ContractMapping =
        "\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"},\"name\":{\"type\":\"keyword\"}}}";

    /// <summary>Index app-users with <paramref name="shards"/> shards under alias app, 30 documents one millisecond apart.</summary>
    private async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartAsync(int shards, int pageSize, string? version = null)
    {
        var cluster = await EmulatedCluster.StartAsync(version ?? Version);
        var (status, body) = await cluster.SendAsync(EsMethod.PUT, "/app-users",
            $"{{\"settings\":{{\"number_of_shards\":{shards}}},{ContractMapping},\"aliases\":{{\"app\":{{}}}}}}");
        Assert.True(status == 200, body?.ToString());
        for (var i = 0; i < 30; i++)
        {
            var id = Guid.NewGuid();
            await cluster.PutAsync("app-users", id.ToString(), $"{{\"id\":\"{id}\",\"tmstmp\":\"{T0.AddMilliseconds(i):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"name\":\"n{i}\"}}");
        }
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", PageSize = pageSize });
        var table = Assert.Single(await store.ListTablesAsync(CancellationToken.None));
        Assert.True(table.MeetsContract, table.Reason);
        return (cluster, store, table);
    }

    private static async Task<(List<SyncEntry> Seen, ElasticsearchStoreException Error)> ScanUntilFailureAsync(ElasticsearchStore store, TableInfo table)
    {
        var seen = new List<SyncEntry>();
        var error = await Assert.ThrowsAsync<ElasticsearchStoreException>(async () =>
        {
            await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) seen.Add(entry);
        });
        return (seen, error);
    }

    [Fact]
    public async Task Search_answers_count_the_shards_of_every_index_searched()
    {
        var (cluster, store, _) = await StartAsync(shards: 3, pageSize: 10);
        await using var __ = cluster;
        await store.DisposeAsync();
        await cluster.SendAsync(EsMethod.POST, "/_refresh");

        var (_, search) = await cluster.SendAsync(EsMethod.POST, "/app/_search?size=0", "{\"query\":{\"match_all\":{}}}");
        var (_, pit) = await cluster.SendAsync(EsMethod.POST, "/app-users/_pit?keep_alive=1m");
        var (_, pitPage) = await cluster.SendAsync(EsMethod.POST, "/_search",
            $"{{\"size\":100,\"pit\":{{\"id\":\"{pit!.Value.GetProperty("id").GetString()}\"}},\"sort\":[{{\"_shard_doc\":\"asc\"}}]}}");
        var (_, scroll) = await cluster.SendAsync(EsMethod.POST, "/app-users/_search?scroll=1m&size=5", "{\"sort\":[\"_doc\"]}");

        Assert.Equal(3, search!.Value.GetProperty("_shards").GetProperty("total").GetInt32());
        Assert.Equal(30, search.Value.GetProperty("hits").GetProperty("total").GetProperty("value").GetInt32());
        Assert.Equal(3, pitPage!.Value.GetProperty("_shards").GetProperty("total").GetInt32());
        Assert.Equal(3, scroll!.Value.GetProperty("_shards").GetProperty("total").GetInt32());
        // Documents are spread over the shards by their id: every shard holds some, and _shard_doc orders by shard first.
        var shardsOfHits = pitPage.Value.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(h => h.GetProperty("sort")[0].GetInt64() >> 32).ToList();
        Assert.Equal(30, shardsOfHits.Count);
        Assert.Equal(new long[] { 0, 1, 2 }, shardsOfHits.Distinct().ToArray());
        Assert.Equal(shardsOfHits.OrderBy(s => s), shardsOfHits);
    }

    [Fact]
    public async Task A_page_with_a_failed_shard_fails_the_point_in_time_scan_and_nothing_past_the_complete_pages_is_yielded()
    {
        var (cluster, store, table) = await StartAsync(shards: 3, pageSize: 7);
        await using var _ = cluster;
        // The second page (the first one with search_after) comes back with one of three shards failed.
        cluster.Emulator.Faults.FailSearchShards(1, r => r.IsEndpoint("_search") && r.BodyText.Contains("search_after"));

        var (seen, error) = await ScanUntilFailureAsync(store, table);

        Assert.Equal(7, seen.Count);
        Assert.Contains("partial result", error.Message);
        Assert.Contains("1 of 3 shards failed", error.Message);
        Assert.Contains("shard 0 of index app-users", error.Message);
        Assert.Contains("emulated_shard_failure_exception", error.Message);
        Assert.Contains("run again", error.Message);
        Assert.Equal(0, cluster.Emulator.OpenPointsInTime);
    }

    [Fact]
    public async Task A_failed_shard_on_the_first_page_of_a_scroll_fails_the_scan_before_any_entry()
    {
        var (cluster, store, table) = await StartAsync(shards: 2, pageSize: 5, version: "7.10.2");
        await using var _ = cluster;
        Assert.False(store.Connection.SupportsPointInTime);
        cluster.Emulator.Faults.FailSearchShards(1, r => r.IsEndpoint("_search"));

        var (seen, error) = await ScanUntilFailureAsync(store, table);

        Assert.Empty(seen);
        Assert.Contains("1 of 2 shards failed", error.Message);
        Assert.Equal(0, cluster.Emulator.OpenScrolls);
    }

    [Fact]
    public async Task A_failed_shard_on_a_later_scroll_page_fails_the_scan()
    {
        var (cluster, store, table) = await StartAsync(shards: 2, pageSize: 5, version: "7.10.2");
        await using var _ = cluster;
        cluster.Emulator.Faults.FailSearchShards(1, r => r.Path == "/_search/scroll");

        var (seen, error) = await ScanUntilFailureAsync(store, table);

        Assert.Equal(5, seen.Count);
        Assert.Contains("partial result", error.Message);
        Assert.Equal(0, cluster.Emulator.OpenScrolls);
    }

    [Fact]
    public async Task A_timed_out_page_fails_the_scan()
    {
        var (cluster, store, table) = await StartAsync(shards: 1, pageSize: 10);
        await using var _ = cluster;
        cluster.Emulator.Faults.TimeOutSearches(1, r => r.IsEndpoint("_search") && r.BodyText.Contains("search_after"));

        var (seen, error) = await ScanUntilFailureAsync(store, table);

        Assert.Equal(10, seen.Count);
        Assert.Contains("timed_out", error.Message);
        Assert.Contains("app-users", error.Message);
        Assert.Equal(0, cluster.Emulator.OpenPointsInTime);
    }

    [Fact]
    public async Task A_tmstmp_that_is_no_date_in_one_index_under_the_alias_fails_that_shard_and_the_scan()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        // One index keeps tmstmp as epoch milliseconds in a long: the range query of the scan cannot be built there.
        await cluster.SendAsync(EsMethod.PUT, "/app-a", $"{{{ContractMapping},\"aliases\":{{\"app\":{{}}}}}}");
        await cluster.SendAsync(EsMethod.PUT, "/app-b",
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"long\"}}},\"aliases\":{\"app\":{}}}");
        var inA = Guid.NewGuid();
        await cluster.PutAsync("app-a", inA.ToString(), $"{{\"id\":\"{inA}\",\"tmstmp\":\"2024-03-01T12:00:00.001Z\",\"table\":\"users\"}}");
        var inB = Guid.NewGuid();
        await cluster.PutAsync("app-b", inB.ToString(), $"{{\"id\":\"{inB}\",\"tmstmp\":1709294400002,\"table\":\"users\"}}");
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex });
        var users = new TableInfo("users", new[] { new ColumnInfo("id", ElasticsearchFieldType.Keyword), new ColumnInfo("tmstmp", ElasticsearchFieldType.Date) });

        var (seen, error) = await ScanUntilFailureAsync(store, users);

        Assert.Empty(seen);
        Assert.Contains("1 of 2 shards failed", error.Message);
        Assert.Contains("shard 0 of index app-b", error.Message);
        Assert.Contains("query_shard_exception", error.Message);
    }

    [Fact]
    public async Task In_the_single_index_layout_every_index_under_the_alias_must_meet_the_contract()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await cluster.SendAsync(EsMethod.PUT, "/app-a",
            "{\"mappings\":{\"_meta\":{\"synced_tables\":[\"users\"]},\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"table\":{\"type\":\"keyword\"}}},\"aliases\":{\"app\":{}}}");
        await cluster.SendAsync(EsMethod.PUT, "/app-b",
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"long\"},\"table\":{\"type\":\"keyword\"}}},\"aliases\":{\"app\":{}}}");
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex });

        var users = Assert.Single(await store.ListTablesAsync(CancellationToken.None));

        Assert.False(users.MeetsContract);
        Assert.Contains("app-b", users.Reason);
        Assert.Contains("long", users.Reason);
    }

    [Fact]
    public async Task Through_the_engine_a_partial_page_fails_the_table_and_only_complete_pages_reach_the_target()
    {
        var (cluster, store, _) = await StartAsync(shards: 3, pageSize: 10);
        await using var __ = cluster;
        await using var ___ = store;
        var cassandra = new ListStore("Cassandra", TimestampPrecision.Ticks, keepVersions: true).AddTable("users");
        cluster.Emulator.Faults.FailSearchShards(1, r => r.IsEndpoint("_search") && r.BodyText.Contains("search_after"));
        var request = new SyncRequest(new Synced.Core.Checkpoints.SyncConfiguration("app", "app")) { Direction = SyncDirection.ElasticsearchToCassandra, BatchSize = 5 };

        var result = await new SyncEngine().RunAsync(request, cassandra, store, TableRanges.Same(new TimeRange(T0, T0.AddSeconds(1))), null, null, CancellationToken.None);

        var users = Assert.Single(result.Tables);
        Assert.Equal(TableStatus.Failed, users.Status);
        Assert.Contains("partial result", users.Message);
        Assert.Equal(10, users.Read);
    }
}

/// <summary>The same checks against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class PartialResultTestsOnElasticsearch8 : PartialResultTests
{
    protected override string Version => EmulatedCluster.Version8;
}
