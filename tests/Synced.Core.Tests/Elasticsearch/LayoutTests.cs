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

/// <summary>Table ↔ index layouts: index creation, the alias, listing, and the single index with a discriminator.</summary>
public class LayoutTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Creating_a_table_makes_an_index_with_the_derived_mapping_under_the_alias()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var source = EmulatedCluster.CassandraTable("Users",
            ("name", "text"), ("age", "int"), ("balance", "decimal"), ("born", "timestamp"), ("photo", "blob"),
            ("ip", "inet"), ("tags", "set<text>"), ("prefs", "map<text, int>"), ("home", "frozen<address>"), ("pair", "tuple<int, text>"));

        var created = await store.CreateTableAsync(source, CancellationToken.None);

        Assert.True(created.MeetsContract, created.Reason);
        Assert.Equal("Users", created.Name);
        Assert.Equal("app-users", created.Location);
        var (status, mapping) = await cluster.SendAsync(EsMethod.GET, "/app-users/_mapping");
        Assert.Equal(200, status);
        var properties = mapping!.Value.GetProperty("app-users").GetProperty("mappings").GetProperty("properties");
        string TypeOf(string field) => properties.GetProperty(field).GetProperty("type").GetString()!;
        Assert.Equal("keyword", TypeOf("id"));
        Assert.Equal("date", TypeOf("tmstmp"));
        Assert.Equal("text", TypeOf("name"));
        Assert.Equal("keyword", properties.GetProperty("name").GetProperty("fields").GetProperty("keyword").GetProperty("type").GetString());
        Assert.Equal("long", TypeOf("age"));
        Assert.Equal("keyword", TypeOf("balance"));
        Assert.Equal("date", TypeOf("born"));
        Assert.Equal("binary", TypeOf("photo"));
        Assert.Equal("ip", TypeOf("ip"));
        Assert.Equal("text", TypeOf("tags"));
        Assert.Equal("keyword", TypeOf("pair"));

        var (aliasStatus, alias) = await cluster.SendAsync(EsMethod.GET, "/_alias/app");
        Assert.Equal(200, aliasStatus);
        Assert.True(alias!.Value.TryGetProperty("app-users", out var _));
    }

    [Fact]
    public async Task Creating_a_table_that_another_run_created_returns_the_existing_one()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var source = EmulatedCluster.CassandraTable("users", ("name", "text"));

        await store.CreateTableAsync(source, CancellationToken.None);
        var again = await store.CreateTableAsync(source, CancellationToken.None);

        Assert.True(again.MeetsContract);
        Assert.Single(await store.ListTablesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Listing_per_table_reports_indices_that_break_the_contract_with_the_reason()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        var (status, _) = await cluster.SendAsync(EsMethod.PUT, "/app-events",
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"long\"}}}}");
        Assert.Equal(200, status);
        var (otherStatus, _) = await cluster.SendAsync(EsMethod.PUT, "/unrelated", "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"}}}}");
        Assert.Equal(200, otherStatus);

        var tables = await store.ListTablesAsync(CancellationToken.None);

        Assert.Equal(new[] { "events", "users" }, tables.Select(t => t.Name).OrderBy(n => n));
        var events = tables.Single(t => t.Name == "events");
        Assert.False(events.MeetsContract);
        Assert.Contains("tmstmp", events.Reason);
        Assert.True(tables.Single(t => t.Name == "users").MeetsContract);
    }

    [Fact]
    public async Task An_alias_member_not_named_after_a_table_is_reported_not_guessed()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        await cluster.SendAsync(EsMethod.PUT, "/legacy", "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}}}}");
        var (status, _) = await cluster.SendAsync(EsMethod.POST, "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"legacy\",\"alias\":\"app\"}}]}");
        Assert.Equal(200, status);

        var table = Assert.Single(await store.ListTablesAsync(CancellationToken.None));

        Assert.Equal("legacy", table.Name);
        Assert.False(table.MeetsContract);
        Assert.Contains("app-<table>", table.Reason);
    }

    [Fact]
    public async Task Listing_an_index_that_does_not_exist_finds_no_tables()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var perTable = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "nothing" });
        var single = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "nothing", Layout = IndexLayout.SingleIndex });

        Assert.Empty(await perTable.ListTablesAsync(CancellationToken.None));
        Assert.Empty(await single.ListTablesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_single_index_layout_keeps_tables_apart_by_discriminator_and_prefixed_ids()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex, DiscriminatorField = "kind" });
        var users = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        var orders = await store.CreateTableAsync(EmulatedCluster.CassandraTable("orders", ("total", "decimal")), CancellationToken.None);
        Assert.True(users.MeetsContract, users.Reason);
        Assert.True(orders.MeetsContract, orders.Reason);

        var id = Guid.NewGuid();
        var written = await store.UpsertIfNewerAsync(users, new[] { EmulatedCluster.Entry("users", id, T0, ("name", "ann")) }, new UpsertContext(), CancellationToken.None);
        var writtenOrder = await store.UpsertIfNewerAsync(orders, new[] { EmulatedCluster.Entry("orders", id, T0, ("total", 12.50m)) }, new UpsertContext(), CancellationToken.None);
        Assert.Equal(UpsertOutcomeKind.Written, written[0].Kind);
        Assert.Equal(UpsertOutcomeKind.Written, writtenOrder[0].Kind);

        var userDoc = (await cluster.GetSourceAsync("app", "users:" + id))!.Value;
        Assert.Equal("users", userDoc.GetProperty("kind").GetString());
        var orderDoc = (await cluster.GetSourceAsync("app", "orders:" + id))!.Value;
        Assert.Equal("12.50", orderDoc.GetProperty("total").GetString());

        var tables = await store.ListTablesAsync(CancellationToken.None);
        Assert.Equal(new[] { "orders", "users" }, tables.Select(t => t.Name));
        Assert.All(tables, t => Assert.True(t.MeetsContract, t.Reason));
        Assert.DoesNotContain(tables[0].Columns, c => c.Name == "kind");

        var scanned = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(users, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) scanned.Add(entry);
        var user = Assert.Single(scanned);
        Assert.Equal(id, user.Id);
        Assert.Equal("users", user.Table);
        Assert.Equal("ann", user.Fields["name"]);
        Assert.False(user.Fields.ContainsKey("kind"));
    }

    [Fact]
    public async Task Single_index_tables_are_listed_from_documents_too()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        await cluster.SendAsync(EsMethod.PUT, "/app",
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"table\":{\"type\":\"keyword\"}}}}");
        var id = Guid.NewGuid();
        await cluster.PutAsync("app", "legacy:" + id, $"{{\"id\":\"{id}\",\"tmstmp\":\"2024-03-01T12:00:00.000Z\",\"table\":\"legacy\"}}");
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex });

        var table = Assert.Single(await store.ListTablesAsync(CancellationToken.None));

        Assert.Equal("legacy", table.Name);
        Assert.True(table.MeetsContract, table.Reason);
    }

    [Fact]
    public async Task Creating_a_table_when_a_concrete_index_holds_the_alias_name_fails_clearly()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var (status, _) = await cluster.SendAsync(EsMethod.PUT, "/app", "{}");
        Assert.Equal(200, status);
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });

        var ex = await Assert.ThrowsAsync<ElasticsearchStoreException>(() =>
            store.CreateTableAsync(EmulatedCluster.CassandraTable("users"), CancellationToken.None));

        Assert.Contains("alias app", ex.Message);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task Single_index_tables_whose_columns_clash_in_type_fail_clearly()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex });
        await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("code", "int")), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ElasticsearchStoreException>(() =>
            store.CreateTableAsync(EmulatedCluster.CassandraTable("orders", ("code", "text")), CancellationToken.None));

        Assert.Contains("orders", ex.Message);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task A_field_named_like_the_discriminator_fails_its_entry()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", Layout = IndexLayout.SingleIndex });
        var users = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users"), CancellationToken.None);

        var outcomes = await store.UpsertIfNewerAsync(users, new[] { EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("table", "x")) },
            new UpsertContext(), CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("discriminator", outcomes[0].Reason);
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class LayoutTestsOnElasticsearch8 : LayoutTests
{
    protected override string Version => EmulatedCluster.Version8;
}
