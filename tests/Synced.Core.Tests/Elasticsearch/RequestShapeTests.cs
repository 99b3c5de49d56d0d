using System;
using System.Collections.Generic;
using System.Globalization;
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

/// <summary>
/// Requests a real cluster refuses or reads differently: the emulator answers them as Elasticsearch does, and the
/// store sends only what a cluster accepts.
/// </summary>
public class RequestShapeTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    protected virtual string Version => EmulatedCluster.Version7;

    [Fact]
    public async Task An_mget_without_documents_is_refused_as_elasticsearch_refuses_it()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;

        foreach (var body in new[] { "{\"docs\":[]}", "{\"ids\":[]}" })
        {
            var (status, answer) = await cluster.SendAsync(EsMethod.POST, "/some/_mget", body);
            Assert.Equal(400, status);
            Assert.Equal("action_request_validation_exception", answer!.Value.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal("Validation Failed: 1: no documents to get;", answer.Value.GetProperty("error").GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task The_store_never_sends_an_empty_mget_even_when_no_entry_of_a_batch_can_be_rendered()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("score", "double")), CancellationToken.None);
        var requests = new List<string>();
        cluster.Emulator.Faults.OnRequest = (r, __) =>
        {
            lock (requests) requests.Add(r.Path);
            return Task.CompletedTask;
        };

        var outcomes = await store.UpsertIfNewerAsync(table, new[]
        {
            EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("score", double.NaN)),
            EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("score", double.PositiveInfinity)),
        }, new UpsertContext(), CancellationToken.None);
        var empty = await store.UpsertIfNewerAsync(table, Array.Empty<SyncEntry>(), new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.Contains("no JSON form", o.Reason));
        Assert.Empty(empty);
        Assert.DoesNotContain(requests, p => p.EndsWith("_mget", StringComparison.Ordinal) || p.EndsWith("_bulk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_point_in_time_search_after_one_value_per_explicit_sort_is_valid_and_gets_no_tiebreaker()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        for (var i = 0; i < 5; i++)
            await cluster.PutAsync("pit", i.ToString(CultureInfo.InvariantCulture), $"{{\"n\":{i}}}");
        await cluster.SendAsync(EsMethod.POST, "/pit/_refresh");
        var (_, opened) = await cluster.SendAsync(EsMethod.POST, "/pit/_pit?keep_alive=1m");
        Assert.True(opened!.Value.TryGetProperty("id", out var pitId), opened.ToString());
        var pit = pitId.GetString();

        var (status, page) = await cluster.SendAsync(EsMethod.POST, "/_search",
            $"{{\"pit\":{{\"id\":\"{pit}\"}},\"sort\":[{{\"n\":\"asc\"}}],\"search_after\":[2]}}");
        var (_, first) = await cluster.SendAsync(EsMethod.POST, "/_search", $"{{\"pit\":{{\"id\":\"{pit}\"}},\"sort\":[{{\"n\":\"asc\"}}]}}");

        Assert.Equal(200, status);
        var hits = page!.Value.GetProperty("hits").GetProperty("hits");
        Assert.Equal(new[] { "3", "4" }, hits.EnumerateArray().Select(h => h.GetProperty("_id").GetString()));
        Assert.Equal(1, hits[0].GetProperty("sort").GetArrayLength());
        // Without search_after the implicit _shard_doc tiebreaker is added, and its value can be given back.
        var tiebroken = first!.Value.GetProperty("hits").GetProperty("hits")[1].GetProperty("sort");
        Assert.Equal(2, tiebroken.GetArrayLength());
        var (again, next) = await cluster.SendAsync(EsMethod.POST, "/_search",
            $"{{\"pit\":{{\"id\":\"{pit}\"}},\"sort\":[{{\"n\":\"asc\"}}],\"search_after\":{tiebroken.GetRawText()}}}");
        Assert.Equal(200, again);
        Assert.Equal("2", next!.Value.GetProperty("hits").GetProperty("hits")[0].GetProperty("_id").GetString());
    }

    [Fact]
    public async Task A_quoted_cql_column_with_dots_maps_to_an_object_path_and_round_trips()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var source = EmulatedCluster.CassandraTable("users", ("geo.lat", "double"), ("geo.lon", "double"), ("a.b.c", "text"));
        var table = await store.CreateTableAsync(source, CancellationToken.None);
        var entry = EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("geo.lat", 46.95), ("geo.lon", 7.45), ("a.b.c", "deep"));

        var outcome = Assert.Single(await store.UpsertIfNewerAsync(table, new[] { entry }, new UpsertContext(), CancellationToken.None));
        var read = new List<SyncEntry>();
        await foreach (var e in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) read.Add(e);

        Assert.Equal(UpsertOutcomeKind.Written, outcome.Kind);
        var (_, mapping) = await cluster.SendAsync(EsMethod.GET, "/app-users/_mapping");
        var properties = mapping!.Value.GetProperty("app-users").GetProperty("mappings").GetProperty("properties");
        Assert.Equal("double", properties.GetProperty("geo").GetProperty("properties").GetProperty("lat").GetProperty("type").GetString());
        Assert.Equal("text", properties.GetProperty("a").GetProperty("properties").GetProperty("b").GetProperty("properties").GetProperty("c").GetProperty("type").GetString());
        var back = Assert.Single(read);
        Assert.Equal(46.95m, back.Fields["geo.lat"]);
        Assert.Equal(7.45m, back.Fields["geo.lon"]);
        Assert.Equal("deep", back.Fields["a.b.c"]);
        // The object path is searchable as Elasticsearch expanded it.
        var (_, found) = await cluster.SendAsync(EsMethod.POST, "/app-users/_search", "{\"query\":{\"range\":{\"geo.lat\":{\"gt\":46}}}}");
        Assert.Equal(1, found!.Value.GetProperty("hits").GetProperty("total").GetProperty("value").GetInt32());
    }

    [Theory]
    [InlineData("geo", "geo.lat", "column 'geo' holds a value at that path")]
    [InlineData("a.", "b", "empty part")]
    [InlineData("a..b", "b", "empty part")]
    public void Dotted_column_names_that_cannot_map_are_refused_with_the_reason(string first, string second, string reason)
    {
        var table = EmulatedCluster.CassandraTable("users", (first, "int"), (second, "int"));

        var error = Assert.Throws<NotSupportedException>(() => ElasticsearchMappingBuilder.BuildMapping(table, null, new[] { "users" }, wrapInMappings: true));

        Assert.Contains(reason, error.Message);
        Assert.Contains("rename", error.Message);
    }
}

/// <summary>The same checks against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class RequestShapeTestsOnElasticsearch8 : RequestShapeTests
{
    protected override string Version => EmulatedCluster.Version8;
}
