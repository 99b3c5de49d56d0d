using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Metadata;
using Synced.Cql.Tests.Client;
using Synced.Cql.Tests.Integration;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Metadata;

/// <summary>Secondary indexes in the schema metadata, as system_schema.indexes lists them.</summary>
[Trait("Category", "Integration")]
public sealed class IndexMetadataTests : EmulatorSession
{
    protected override CassandraEmulatorOptions EmulatorOptions => new() { Port = 0, CassandraVersion = "5.0.2" };

    [Fact]
    public async Task A_tables_storage_attached_and_legacy_indexes_are_listed_with_their_targets()
    {
        await Session.ExecuteAsync("CREATE TABLE items (id uuid, tmstmp timeuuid, name text, tags map<text, int>, PRIMARY KEY (id, tmstmp))");
        await Session.ExecuteAsync("CREATE TABLE other (id uuid PRIMARY KEY, name text)");
        await Session.ExecuteAsync("CREATE INDEX items_tmstmp_sai ON items (tmstmp) USING 'sai'");
        await Session.ExecuteAsync("CREATE INDEX ON items (name)");
        await Session.ExecuteAsync("CREATE INDEX items_tag_keys ON items (keys(tags))");

        var items = (await Session.GetMetadataAsync(refresh: true)).GetTable(Keyspace, "items")!;
        var other = (await Session.GetMetadataAsync()).GetTable(Keyspace, "other")!;

        Assert.Empty(other.Indexes);
        Assert.Equal(new[] { "items_name_idx", "items_tag_keys", "items_tmstmp_sai" }, items.Indexes.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        var sai = items.Indexes.Single(i => i.Name == "items_tmstmp_sai");
        Assert.True(sai.IsStorageAttached);
        Assert.Equal("CUSTOM", sai.Kind);
        Assert.Equal("tmstmp", sai.TargetColumn);
        Assert.Equal(IndexMetadata.StorageAttachedIndexClass, sai.ClassName);
        var legacy = items.Indexes.Single(i => i.Name == "items_name_idx");
        Assert.False(legacy.IsStorageAttached);
        Assert.Equal("COMPOSITES", legacy.Kind);
        Assert.Equal("name", legacy.TargetColumn);
        var keys = items.Indexes.Single(i => i.Name == "items_tag_keys");
        Assert.Equal("keys(tags)", keys.Target);
        Assert.Null(keys.TargetColumn);
    }

    [Fact]
    public async Task A_dropped_index_leaves_the_metadata_after_a_refresh()
    {
        await Session.ExecuteAsync("CREATE TABLE items (id uuid, tmstmp timeuuid, PRIMARY KEY (id, tmstmp))");
        await Session.ExecuteAsync("CREATE INDEX items_tmstmp_sai ON items (tmstmp) USING 'sai'");
        Assert.Single((await Session.GetMetadataAsync(refresh: true)).GetTable(Keyspace, "items")!.Indexes);

        await Session.ExecuteAsync($"DROP INDEX {Keyspace}.items_tmstmp_sai");

        Assert.Empty((await Session.GetMetadataAsync(refresh: true)).GetTable(Keyspace, "items")!.Indexes);
    }

    [Theory]
    [InlineData("CUSTOM", "org.apache.cassandra.index.sai.StorageAttachedIndex", "tmstmp", true, "tmstmp")]
    [InlineData("CUSTOM", "StorageAttachedIndex", "\"Tmstmp\"", true, "Tmstmp")]
    [InlineData("CUSTOM", "sai", "values(tags)", true, null)]
    [InlineData("CUSTOM", "org.apache.cassandra.index.sasi.SASIIndex", "tmstmp", false, "tmstmp")]
    [InlineData("COMPOSITES", null, "entries(m)", false, null)]
    public void Storage_attached_indexes_and_the_column_of_a_target_are_recognised(string kind, string? className, string target, bool storageAttached, string? column)
    {
        var options = new Dictionary<string, string> { ["target"] = target };
        if (className is not null) options["class_name"] = className;

        var index = new IndexMetadata("i", kind, options);

        Assert.Equal(storageAttached, index.IsStorageAttached);
        Assert.Equal(column, index.TargetColumn);
    }
}

/// <summary>Index metadata from nodes that list indexes their own way, or not at all.</summary>
public sealed class IndexMetadataLoadingTests
{
    [Fact]
    public async Task Indexes_a_node_lists_are_attached_to_their_table()
    {
        await using var server = new FakeCqlServer();
        server.Tables.Add(new FakeTable("ks", "t", ("id", "uuid", "partition_key", 0), ("tmstmp", "timeuuid", "clustering", 0)));
        server.Indexes.Add(new FakeIndex("ks", "t", "t_tmstmp", "CUSTOM",
            new Dictionary<string, string> { ["class_name"] = IndexMetadata.StorageAttachedIndexClass, ["target"] = "tmstmp" }));
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);

        var table = (await session.GetMetadataAsync()).GetTable("ks", "t")!;

        var index = Assert.Single(table.Indexes);
        Assert.True(index.IsStorageAttached);
        Assert.Equal("tmstmp", index.TargetColumn);
    }

    [Fact]
    public async Task A_node_without_an_indexes_table_still_gives_its_schema_with_no_indexes()
    {
        await using var server = new FakeCqlServer { HasIndexesTable = false };
        server.Tables.Add(new FakeTable("ks", "t", ("id", "uuid", "partition_key", 0), ("tmstmp", "timeuuid", "clustering", 0)));
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);

        var table = (await session.GetMetadataAsync()).GetTable("ks", "t")!;

        Assert.Empty(table.Indexes);
        Assert.Equal(new[] { "id", "tmstmp" }, table.Columns.Select(c => c.Name));
    }
}
