using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Elasticsearch;
using Synced.Core.Tests.EndToEnd;
using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>What the real stores give a comparison and a repair: versions only, by token, and the newest of chosen ids.</summary>
public sealed class StoreVersionTests
{
    private static readonly DateTime T0 = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    private static async Task<List<EntryVersion>> ReadAllAsync(IAsyncEnumerable<EntryVersion> versions)
    {
        var all = new List<EntryVersion>();
        await foreach (var version in versions) all.Add(version);
        return all;
    }

    private static async Task<Synced.Core.Model.TableInfo> TableAsync(Stores.ISyncStore store, string name)
        => (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == name);

    [Fact]
    public async Task A_Cassandra_version_scan_reads_only_id_and_tmstmp_and_gives_each_id_once_with_its_newest_version()
    {
        await using var box = await Sandbox.StartAsync();
        await box.CreateCassandraTableAsync("users");
        var queries = new ConcurrentQueue<string>();
        box.CassandraNode.Faults.AddLatency(TimeSpan.Zero, info => { if (info.Query is { } q) queries.Enqueue(q); return false; });
        var newest = new Dictionary<Guid, DateTime>();
        for (var i = 0; i < 300; i++)
        {
            var id = Guid.NewGuid();
            var versions = 1 + i % 3;
            for (var v = 0; v < versions; v++) await box.InsertCassandraAsync("users", id, T0.AddMinutes(i).AddSeconds(v).AddTicks(123), "v" + v);
            newest[id] = T0.AddMinutes(i).AddSeconds(versions - 1).AddTicks(123);
        }
        var table = await TableAsync(box.Cassandra, "users");

        var all = await ReadAllAsync(box.Cassandra.ReadVersionsAsync(table, VersionScan.All, CancellationToken.None));

        Assert.Equal(newest.OrderBy(p => p.Key), all.Select(v => KeyValuePair.Create(v.Id, v.Tmstmp)).OrderBy(p => p.Key));
        var scan = queries.Where(q => q.Contains("token(")).Distinct().ToList();
        Assert.NotEmpty(scan);
        Assert.All(scan, q => Assert.StartsWith("SELECT id, tmstmp FROM", q));

        // A lower bound leaves out ids whose newest version is older; an upper bound is never applied.
        var notBefore = T0.AddMinutes(150);
        var recent = await ReadAllAsync(box.Cassandra.ReadVersionsAsync(table, new VersionScan { NotBefore = notBefore }, CancellationToken.None));
        Assert.Equal(newest.Where(p => p.Value >= notBefore).Select(p => p.Key).OrderBy(k => k), recent.Select(v => v.Id).OrderBy(k => k));
        Assert.All(recent, v => Assert.Equal(newest[v.Id], v.Tmstmp));

        // Token ranges select exactly the ids whose token they hold.
        var buckets = new TokenBuckets(3);
        var chosen = new[] { true, false, false, true, true, false, false, true };
        var ranges = buckets.RangesOf(chosen);
        var selected = await ReadAllAsync(box.Cassandra.ReadVersionsAsync(table, new VersionScan { Tokens = ranges }, CancellationToken.None));
        Assert.Equal(newest.Keys.Where(id => chosen[buckets.Of(IdToken.Of(id))]).OrderBy(k => k), selected.Select(v => v.Id).OrderBy(k => k));
    }

    [Fact]
    public async Task Cassandra_gives_the_newest_version_of_chosen_ids_with_or_without_its_values()
    {
        await using var box = await Sandbox.StartAsync();
        await box.CreateCassandraTableAsync("users");
        var id = Guid.NewGuid();
        await box.InsertCassandraAsync("users", id, T0, "old");
        await box.InsertCassandraAsync("users", id, T0.AddTicks(12_345), "new");
        var absent = Guid.NewGuid();
        var table = await TableAsync(box.Cassandra, "users");

        var versions = await box.Cassandra.ReadNewestVersionsAsync(table, new[] { absent, id }, CancellationToken.None);
        var entries = await box.Cassandra.ReadNewestEntriesAsync(table, new[] { id, absent }, CancellationToken.None);

        Assert.Equal(new DateTime?[] { null, T0.AddTicks(12_345) }, versions);
        Assert.Equal((id, T0.AddTicks(12_345), (object?)"new"), (entries[0]!.Id, entries[0]!.Tmstmp, entries[0]!.Fields["name"]));
        Assert.Null(entries[1]);
    }

    [Fact]
    public async Task An_Elasticsearch_version_scan_reads_no_stored_field_and_reports_documents_it_cannot_read()
    {
        await using var box = await Sandbox.StartAsync();
        await box.CreateElasticsearchIndexAsync("users");
        var bodies = new ConcurrentQueue<string>();
        box.ElasticsearchNode.Faults.OnRequest = (request, _) =>
        {
            if (request.Path.EndsWith("_search", StringComparison.Ordinal)) bodies.Enqueue(Encoding.UTF8.GetString(request.Body.Span));
            return Task.CompletedTask;
        };
        var documents = new Dictionary<Guid, DateTime>();
        for (var i = 0; i < 120; i++)
        {
            var id = Guid.NewGuid();
            documents[id] = T0.AddMinutes(i).AddMilliseconds(7);
            await box.IndexDocumentAsync("users", id, documents[id], "n" + i, refresh: false);
        }
        await box.SendAsync(HttpMethod.Put, "/app-users/_doc/not-a-uuid", "{\"tmstmp\":\"2024-05-01T08:00:00.000Z\",\"name\":\"x\"}");
        var undated = Guid.NewGuid();
        await box.SendAsync(HttpMethod.Put, $"/app-users/_doc/{undated}", $"{{\"id\":\"{undated}\",\"name\":\"no tmstmp\"}}");
        var table = await TableAsync(box.Elasticsearch, "users");

        var all = await ReadAllAsync(box.Elasticsearch.ReadVersionsAsync(table, VersionScan.All, CancellationToken.None));

        var unreadable = all.Where(v => v.ReadError is not null).OrderBy(v => v.SourceKey).ToList();
        Assert.Equal(new[] { $"app-users/{undated}", "app-users/not-a-uuid" }, unreadable.Select(v => v.SourceKey).OrderBy(k => k));
        Assert.Contains("no UUID", unreadable.Single(v => v.SourceKey == "app-users/not-a-uuid").ReadError);
        Assert.Contains("no tmstmp", unreadable.Single(v => v.SourceKey != "app-users/not-a-uuid").ReadError);
        Assert.Equal(documents.OrderBy(p => p.Key), all.Where(v => v.ReadError is null).Select(v => KeyValuePair.Create(v.Id, v.Tmstmp)).OrderBy(p => p.Key));
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body =>
        {
            // No _source: the id is the _id and the tmstmp the sort value, both from doc values.
            var root = JsonDocument.Parse(body).RootElement;
            Assert.Equal(JsonValueKind.False, root.GetProperty("_source").ValueKind);
            Assert.Equal("{\"_shard_doc\":\"asc\"}", root.GetProperty("sort")[0].GetRawText());
            Assert.Equal("{\"tmstmp\":\"asc\"}", root.GetProperty("sort")[1].GetRawText());
        });

        var notBefore = T0.AddMinutes(100);
        var recent = await ReadAllAsync(box.Elasticsearch.ReadVersionsAsync(table, new VersionScan { NotBefore = notBefore }, CancellationToken.None));
        Assert.Equal(documents.Where(p => p.Value >= notBefore).Select(p => p.Key).OrderBy(k => k), recent.Select(v => v.Id).OrderBy(k => k));

        var buckets = new TokenBuckets(2);
        var chosen = new[] { false, true, false, true };
        var selected = await ReadAllAsync(box.Elasticsearch.ReadVersionsAsync(table, new VersionScan { Tokens = buckets.RangesOf(chosen) }, CancellationToken.None));
        Assert.Equal(documents.Keys.Where(id => chosen[buckets.Of(IdToken.Of(id))]).OrderBy(k => k), selected.Where(v => v.ReadError is null).Select(v => v.Id).OrderBy(k => k));
    }

    [Fact]
    public async Task In_a_single_index_a_version_scan_reads_only_its_table()
    {
        await using var box = await Sandbox.StartAsync(IndexLayout.SingleIndex);
        await box.CreateElasticsearchIndexAsync("users");
        var user = Guid.NewGuid();
        await box.IndexDocumentAsync("users", user, T0, "u");
        await box.IndexDocumentAsync("orders", Guid.NewGuid(), T0, "o");
        var table = new Synced.Core.Model.TableInfo("users", Array.Empty<Synced.Core.Model.ColumnInfo>());

        var all = await ReadAllAsync(box.Elasticsearch.ReadVersionsAsync(table, VersionScan.All, CancellationToken.None));

        Assert.Equal(user, Assert.Single(all).Id);
        Assert.Equal(new DateTime?[] { T0, null }, await box.Elasticsearch.ReadNewestVersionsAsync(table, new[] { user, Guid.NewGuid() }, CancellationToken.None));
    }

    [Fact]
    public async Task Elasticsearch_gives_the_document_of_chosen_ids_in_real_time()
    {
        await using var box = await Sandbox.StartAsync();
        await box.CreateElasticsearchIndexAsync("users", refreshInterval: "-1");
        var id = Guid.NewGuid();
        await box.IndexDocumentAsync("users", id, T0.AddMilliseconds(5), "fresh", refresh: false); // not yet searchable
        var table = await TableAsync(box.Elasticsearch, "users");

        var versions = await box.Elasticsearch.ReadNewestVersionsAsync(table, new[] { id, Guid.NewGuid() }, CancellationToken.None);
        var entries = await box.Elasticsearch.ReadNewestEntriesAsync(table, new[] { Guid.NewGuid(), id }, CancellationToken.None);

        Assert.Equal(new DateTime?[] { T0.AddMilliseconds(5), null }, versions);
        Assert.Null(entries[0]);
        Assert.Equal((id, T0.AddMilliseconds(5), (object?)"fresh"), (entries[1]!.Id, entries[1]!.Tmstmp, entries[1]!.Fields["name"]));
    }

    [Theory]
    [InlineData("{\"timed_out\":true,\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"hits\":{\"hits\":[]}}", "timed_out: true")]
    [InlineData("{\"timed_out\":false,\"_shards\":{\"total\":3,\"successful\":2,\"failed\":1,\"failures\":[{\"shard\":2,\"index\":\"app-users\",\"reason\":{\"type\":\"node_not_connected_exception\",\"reason\":\"[n2] disconnected\"}}]},\"hits\":{\"hits\":[]}}",
        "1 of 3 shards failed (shard 2 of index app-users: ")]
    public void A_search_page_with_partial_results_fails_the_version_scan(string page, string expected)
    {
        using var document = JsonDocument.Parse(page);

        var error = Assert.Throws<ElasticsearchStoreException>(() => PartialSearchResult.ThrowIfPartial(document.RootElement, "app-users", "comparing"));

        Assert.Contains(expected, error.Message);
    }
}
