using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
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
/// Indices Synced creates stay inside Elasticsearch's mapping limits (index.mapping.total_fields.limit 1000,
/// depth 20): CQL maps, whose keys are data, must not become one field per key.
/// </summary>
public class MappingLimitTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TableInfo Products = EmulatedCluster.CassandraTable("products", ("name", "text"), ("attributes", "map<text, int>"),
        ("labels", "frozen<map<uuid, frozen<list<text>>>>"));

    protected virtual string Version => EmulatedCluster.Version7;

    /// <summary>100 entries of 100 map keys each: 10,000 distinct keys in one index.</summary>
    private static SyncEntry[] WideEntries() => Enumerable.Range(0, 100).Select(i => EmulatedCluster.Entry("products", Guid.NewGuid(), T0.AddMilliseconds(i),
        ("name", "p" + i),
        ("attributes", Enumerable.Range(0, 100).ToDictionary(k => $"attribute-{i:D3}-{k:D3}", k => (object?)(i * 1000 + k))),
        ("labels", new Dictionary<Guid, object?> { [Guid.NewGuid()] = new List<object?> { "a", "b" } }))).ToArray();

    private static async Task<int> FieldCountAsync(EmulatedCluster cluster, string index)
    {
        var (_, mapping) = await cluster.SendAsync(EsMethod.GET, $"/{index}/_mapping");
        static int Count(JsonElement properties)
        {
            var n = 0;
            foreach (var field in properties.EnumerateObject())
            {
                n++;
                if (field.Value.TryGetProperty("fields", out var multi)) n += multi.EnumerateObject().Count();
                if (field.Value.TryGetProperty("properties", out var children)) n += Count(children);
            }
            return n;
        }
        return Count(mapping!.Value.GetProperty(index).GetProperty("mappings").GetProperty("properties"));
    }

    private static async Task RoundTripAsync(string version, string expectedMapType)
    {
        var cluster = await EmulatedCluster.StartAsync(version);
        await using var _ = cluster;
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", PageSize = 1000 });
        var table = await store.CreateTableAsync(Products, CancellationToken.None);
        var entries = WideEntries();

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Kind == UpsertOutcomeKind.Written, o.Reason));
        var (_, mapping) = await cluster.SendAsync(EsMethod.GET, "/app-products/_mapping");
        var attributes = mapping!.Value.GetProperty("app-products").GetProperty("mappings").GetProperty("properties").GetProperty("attributes");
        // Elasticsearch prints no type for an object.
        Assert.Equal(expectedMapType, attributes.TryGetProperty("type", out var type) ? type.GetString() : "object");
        // id, tmstmp, name + name.keyword, attributes, labels: the keys added no field.
        Assert.Equal(6, await FieldCountAsync(cluster, "app-products"));

        var read = new Dictionary<Guid, SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) read[entry.Id] = entry;
        Assert.Equal(entries.Length, read.Count);
        foreach (var written in entries)
        {
            var back = Assert.IsType<Dictionary<string, object?>>(read[written.Id].Fields["attributes"]);
            var sent = (Dictionary<string, object?>)written.Fields["attributes"]!;
            Assert.Equal(sent.OrderBy(p => p.Key).Select(p => (p.Key, Convert.ToInt64(p.Value, CultureInfo.InvariantCulture))), back.OrderBy(p => p.Key).Select(p => (p.Key, (long)p.Value!)));
            var labels = Assert.IsType<Dictionary<string, object?>>(read[written.Id].Fields["labels"]);
            var sentLabels = (Dictionary<Guid, object?>)written.Fields["labels"]!;
            Assert.Equal(sentLabels.Keys.Single().ToString(), labels.Keys.Single());
            Assert.Equal(new List<object?> { "a", "b" }, labels.Values.Single());
        }
    }

    [Fact]
    public Task Ten_thousand_distinct_map_keys_stay_one_flattened_field_and_round_trip()
        => RoundTripAsync(Version, "flattened");

    [Fact]
    public Task Before_7_3_maps_are_kept_in_the_source_and_round_trip()
        => RoundTripAsync("7.2.1", "object");

    [Fact]
    public async Task Map_values_are_searchable_by_key_in_a_flattened_field()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await using var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var table = await store.CreateTableAsync(Products, CancellationToken.None);
        var entry = EmulatedCluster.Entry("products", Guid.NewGuid(), T0, ("attributes", new Dictionary<string, object?> { ["colour"] = 7 }));
        await store.UpsertIfNewerAsync(table, new[] { entry }, new UpsertContext(), CancellationToken.None);
        await cluster.SendAsync(EsMethod.POST, "/app-products/_refresh");

        var (_, found) = await cluster.SendAsync(EsMethod.POST, "/app/_search", "{\"query\":{\"term\":{\"attributes.colour\":\"7\"}}}");

        Assert.Equal(entry.Id.ToString(), found!.Value.GetProperty("hits").GetProperty("hits")[0].GetProperty("_id").GetString());
    }

    [Fact]
    public async Task A_dynamic_object_with_too_many_keys_fails_with_elasticsearchs_limit_error()
    {
        // What maps did before they were flattened: every key a field, until the limit refuses the document.
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await cluster.SendAsync(EsMethod.PUT, "/wide", "{\"mappings\":{\"properties\":{\"attributes\":{\"type\":\"object\",\"dynamic\":true}}}}");
        var keys = string.Join(",", Enumerable.Range(0, 1001).Select(k => $"\"k{k}\":{k}"));

        var (status, body) = await cluster.SendAsync(EsMethod.PUT, "/wide/_doc/1", $"{{\"attributes\":{{{keys}}}}}");

        Assert.Equal(400, status);
        Assert.Contains("Limit of total fields [1000] has been exceeded", body!.Value.GetProperty("error").GetProperty("reason").GetString());
    }
}

/// <summary>The same checks against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class MappingLimitTestsOnElasticsearch8 : MappingLimitTests
{
    protected override string Version => EmulatedCluster.Version8;
}
