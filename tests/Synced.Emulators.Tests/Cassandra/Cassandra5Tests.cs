using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Execution;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>Cassandra 5.0 mode: release version, the vector type, and storage-attached index DDL.</summary>
public sealed class Cassandra5Tests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(string version = "5.0.2")
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { CassandraVersion = version });
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        return (cluster, client);
    }

    [Fact]
    public async Task A_5_0_node_reports_its_release_and_CQL_version()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var row = (await client.QueryAsync("SELECT release_version, cql_version FROM system.local")).Rows().Rows.Single();
        Assert.Equal("5.0.2", Encoding.UTF8.GetString(row["release_version"]!));
        Assert.Equal("3.4.7", Encoding.UTF8.GetString(row["cql_version"]!));
    }

    [Fact]
    public async Task The_default_release_is_4_1()
    {
        await using var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        await using var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        var row = (await client.QueryAsync("SELECT release_version FROM system.local")).Rows().Rows.Single();
        Assert.StartsWith("4.1.", Encoding.UTF8.GetString(row["release_version"]!));
    }

    [Fact]
    public async Task A_vector_column_shows_its_type_sends_VectorType_as_a_custom_option_and_round_trips_floats()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v vector<float, 3>)")).ThrowIfError();
        var type = (await client.QueryAsync("SELECT type FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = 't' AND column_name = 'v'")).Rows().Rows.Single();
        Assert.Equal("vector<float, 3>", Encoding.UTF8.GetString(type["type"]!));

        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, [1.0, -2.5, 3])")).ThrowIfError();
        var bound = new byte[12];
        BinaryPrimitives.WriteSingleBigEndian(bound, 0.5f);
        BinaryPrimitives.WriteSingleBigEndian(bound.AsSpan(4), 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(bound.AsSpan(8), 2.5f);
        var insert = await client.PrepareAsync("INSERT INTO ks.t (k, v) VALUES (?, ?)");
        (await client.ExecuteAsync(insert, new[] { ClusterInt(2), bound })).ThrowIfError();

        var result = await client.QueryAsync("SELECT k, v FROM ks.t WHERE k IN (1, 2)");
        var column = result.Columns().Single(c => c.Name == "v");
        Assert.Equal(0, column.Type);
        Assert.Equal("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType , 3)", column.Custom);
        var rows = result.Rows().Rows;
        Assert.Equal("3f800000c020000040400000", Convert.ToHexString(rows[0]["v"]!).ToLowerInvariant());
        Assert.Equal(bound, rows[1]["v"]);
    }

    [Fact]
    public async Task Vector_values_of_the_wrong_dimension_are_refused()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v vector<float, 3>)")).ThrowIfError();
        var literal = await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (1, [1.0, 2.0])");
        Assert.Equal(CqlErrorCode.Invalid, literal.ErrorCode);
        Assert.Contains("expected 3 elements, but given 2", literal.ErrorMessage);
        var insert = await client.PrepareAsync("INSERT INTO ks.t (k, v) VALUES (?, ?)");
        Assert.Equal(CqlErrorCode.Invalid, (await client.ExecuteAsync(insert, new[] { ClusterInt(2), new byte[8] })).ErrorCode);
        Assert.Equal(CqlErrorCode.Invalid, (await client.QueryAsync("CREATE TABLE ks.u (k int PRIMARY KEY, v vector<float, 0>)")).ErrorCode);
    }

    [Fact]
    public async Task Before_5_0_there_is_no_vector_type_and_no_storage_attached_index()
    {
        var (cluster, client) = await StartAsync("4.1.5");
        await using var _ = cluster;
        await using var __ = client;
        Assert.Equal(CqlErrorCode.SyntaxError, (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v vector<float, 3>)")).ErrorCode);
        (await client.QueryAsync("CREATE TABLE ks.u (k int PRIMARY KEY, v int)")).ThrowIfError();
        var sai = await client.QueryAsync("CREATE INDEX ON ks.u (v) USING 'sai'");
        Assert.Equal(CqlErrorCode.Invalid, sai.ErrorCode);
        Assert.Equal("Unable to find custom indexer class 'sai'", sai.ErrorMessage);
    }

    [Fact]
    public async Task Storage_attached_indexes_show_in_system_schema_indexes_as_Cassandra_5_shows_them()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("CREATE TABLE ks.t (id uuid, tmstmp timeuuid, v int, tags set<text>, PRIMARY KEY (id, tmstmp))")).ThrowIfError();
        (await client.QueryAsync("CREATE INDEX ON ks.t (tmstmp) USING 'sai'")).ThrowIfError();
        (await client.QueryAsync("CREATE CUSTOM INDEX v_sai ON ks.t (v) USING 'StorageAttachedIndex'")).ThrowIfError();
        (await client.QueryAsync("CREATE INDEX tags_idx ON ks.t (tags)")).ThrowIfError();
        var rows = (await client.QueryAsync("SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = 'ks' AND table_name = 't'")).Rows().Rows
            .ToDictionary(r => Encoding.UTF8.GetString(r["index_name"]!), r => (Kind: Encoding.UTF8.GetString(r["kind"]!), Options: Map(r["options"]!)));
        Assert.Equal(new[] { "t_tmstmp_idx", "tags_idx", "v_sai" }, rows.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("CUSTOM", rows["t_tmstmp_idx"].Kind);
        Assert.Equal(new Dictionary<string, string> { ["class_name"] = "org.apache.cassandra.index.sai.StorageAttachedIndex", ["target"] = "tmstmp" }, rows["t_tmstmp_idx"].Options);
        Assert.Equal("org.apache.cassandra.index.sai.StorageAttachedIndex", rows["v_sai"].Options["class_name"]);
        Assert.Equal("COMPOSITES", rows["tags_idx"].Kind);
        Assert.Equal(new Dictionary<string, string> { ["target"] = "values(tags)" }, rows["tags_idx"].Options);

        Assert.Equal("Index 't_tmstmp_idx' already exists", (await client.QueryAsync("CREATE INDEX t_tmstmp_idx ON ks.t (v) USING 'sai'")).ErrorMessage);
        (await client.QueryAsync("CREATE INDEX IF NOT EXISTS t_tmstmp_idx ON ks.t (tmstmp) USING 'sai'")).ThrowIfError();
        Assert.Equal("Cannot drop column v because it has dependent secondary indexes (v_sai)", (await client.QueryAsync("ALTER TABLE ks.t DROP v")).ErrorMessage);
        (await client.QueryAsync("DROP INDEX ks.v_sai")).ThrowIfError();
        (await client.QueryAsync("ALTER TABLE ks.t DROP v")).ThrowIfError();
        Assert.Equal(CqlErrorCode.Invalid, (await client.QueryAsync("DROP INDEX ks.v_sai")).ErrorCode);
        (await client.QueryAsync("DROP INDEX IF EXISTS ks.v_sai")).ThrowIfError();
    }

    internal static Dictionary<string, string> Map(byte[] value)
    {
        var items = CollectionValues.Split(value, true);
        var map = new Dictionary<string, string>();
        for (var i = 0; i < items.Count; i += 2) map[Encoding.UTF8.GetString(items[i]!)] = Encoding.UTF8.GetString(items[i + 1]!);
        return map;
    }

    private static byte[] ClusterInt(int v) => Cluster.ClusterTopologyTests.Int(v);
}
