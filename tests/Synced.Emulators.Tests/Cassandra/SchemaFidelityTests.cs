using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Schema;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>Types and table options as Cassandra parses them and shows them in system_schema.</summary>
public sealed class SchemaFidelityTests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync()
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        return (cluster, client);
    }

    private static async Task<Dictionary<string, string>> ColumnTypesAsync(TestCqlClient client, string table)
        => (await client.QueryAsync($"SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = '{table}'")).Rows().Rows
            .ToDictionary(r => Encoding.UTF8.GetString(r["column_name"]!), r => Encoding.UTF8.GetString(r["type"]!));

    private static async Task<Dictionary<string, string>> OptionMapAsync(TestCqlClient client, string table, string option)
    {
        var value = (await client.QueryAsync($"SELECT {option} FROM system_schema.tables WHERE keyspace_name = 'ks' AND table_name = '{table}'")).Rows().Rows.Single()[option]!;
        var items = CollectionValues.Split(value, true);
        var map = new Dictionary<string, string>();
        for (var i = 0; i < items.Count; i += 2) map[Encoding.UTF8.GetString(items[i]!)] = Encoding.UTF8.GetString(items[i + 1]!);
        return map;
    }

    [Fact]
    public async Task Collections_nested_in_frozen_and_in_tuples_are_valid_and_frozen_at_every_depth()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, a frozen<map<text, list<int>>>, b tuple<int, list<text>>, c frozen<list<set<int>>>, d list<frozen<map<int, text>>>)")).ThrowIfError();
        var types = await ColumnTypesAsync(client, "t");
        Assert.Equal("frozen<map<text, frozen<list<int>>>>", types["a"]);
        Assert.Equal("frozen<tuple<int, frozen<list<text>>>>", types["b"]);
        Assert.Equal("frozen<list<frozen<set<int>>>>", types["c"]);
        Assert.Equal("list<frozen<map<int, text>>>", types["d"]);

        (await client.QueryAsync("INSERT INTO ks.t (k, a, b, c) VALUES (1, {'x': [3, 1]}, (7, ['p', 'q']), [{2, 1}, {1}])")).ThrowIfError();
        var row = (await client.QueryAsync("SELECT a, b, c FROM ks.t WHERE k = 1")).Rows().Rows.Single();
        var keyspace = new KeyspaceSchema("ks", new Dictionary<string, string>(), true, KeyspaceSchema.NoTables, KeyspaceSchema.NoTypes, false);
        ColumnType Type(string text) => TypeResolver.Resolve(Synced.Emulators.Cassandra.Cql.CqlParser.ParseTypeText(text), keyspace);
        Assert.Equal("{'x': [3, 1]}", Synced.Emulators.Cassandra.Values.ValueFormatter.Format(Type(types["a"]), row["a"]));
        Assert.Equal("(7, ['p', 'q'])", Synced.Emulators.Cassandra.Values.ValueFormatter.Format(Type(types["b"]), row["b"]));
        Assert.Equal("[{1, 2}, {1}]", Synced.Emulators.Cassandra.Values.ValueFormatter.Format(Type(types["c"]), row["c"]));
    }

    [Theory]
    [InlineData("list<list<int>>", "Non-frozen collections are not allowed inside collections: list<list<int>>")]
    [InlineData("map<text, set<int>>", "Non-frozen collections are not allowed inside collections: map<text, set<int>>")]
    [InlineData("list<counter>", "Counters are not allowed inside collections: list<counter>")]
    public async Task Non_frozen_collections_inside_collections_are_refused(string type, string message)
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var response = await client.QueryAsync($"CREATE TABLE ks.t (k int PRIMARY KEY, v {type})");
        Assert.Equal(CqlErrorCode.Invalid, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
    }

    [Fact]
    public async Task An_empty_compression_map_means_no_compression_and_shows_as_enabled_false()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY) WITH compression = {}")).ThrowIfError();
        Assert.Equal(new Dictionary<string, string> { ["enabled"] = "false" }, await OptionMapAsync(client, "t", "compression"));
        (await client.QueryAsync("CREATE TABLE ks.u (k int PRIMARY KEY)")).ThrowIfError();
        Assert.Equal(new Dictionary<string, string> { ["chunk_length_in_kb"] = "16", ["class"] = "org.apache.cassandra.io.compress.LZ4Compressor" },
            await OptionMapAsync(client, "u", "compression"));
    }

    [Fact]
    public async Task Compression_compaction_and_caching_maps_are_completed_as_Cassandras_params_show_them()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY) WITH compression = {'class': 'ZstdCompressor', 'chunk_length_in_kb': 64} "
            + "AND compaction = {'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': 160} AND caching = {'keys': 'NONE'}")).ThrowIfError();
        Assert.Equal(new Dictionary<string, string> { ["chunk_length_in_kb"] = "64", ["class"] = "org.apache.cassandra.io.compress.ZstdCompressor" },
            await OptionMapAsync(client, "t", "compression"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["class"] = "org.apache.cassandra.db.compaction.LeveledCompactionStrategy", ["sstable_size_in_mb"] = "160", ["max_threshold"] = "32", ["min_threshold"] = "4",
        }, await OptionMapAsync(client, "t", "compaction"));
        Assert.Equal(new Dictionary<string, string> { ["keys"] = "NONE", ["rows_per_partition"] = "NONE" }, await OptionMapAsync(client, "t", "caching"));
        (await client.QueryAsync("ALTER TABLE ks.t WITH compression = {'enabled': 'false'}")).ThrowIfError();
        Assert.Equal(new Dictionary<string, string> { ["enabled"] = "false" }, await OptionMapAsync(client, "t", "compression"));
    }

    [Theory]
    [InlineData("compression = {'chunk_length_in_kb': 64}", "Missing sub-option 'class' for the 'compression' option.")]
    [InlineData("compression = {'enabled': 'false', 'class': 'LZ4Compressor'}", "If the 'enabled' option is set to false no other options must be specified")]
    [InlineData("compaction = {'min_threshold': 2}", "Missing sub-option 'class' for the 'compaction' option.")]
    public async Task Incomplete_option_maps_are_configuration_errors(string option, string message)
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var response = await client.QueryAsync($"CREATE TABLE ks.t (k int PRIMARY KEY) WITH {option}");
        Assert.Equal(CqlErrorCode.ConfigError, response.ErrorCode);
        Assert.Equal(message, response.ErrorMessage);
    }
}
