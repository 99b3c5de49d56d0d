using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class CreateTableTests
{
    private static TableInfo ElasticsearchTable(params (string Name, string Type)[] fields)
        => new("people", new[] { new ColumnInfo("id", ElasticsearchFieldType.Keyword), new ColumnInfo("tmstmp", ElasticsearchFieldType.Date) }
            .Concat(fields.Select(f => new ColumnInfo(f.Name, ElasticsearchFieldType.FromName(f.Type)))).ToList(), null, "app-people");

    [Fact]
    public async Task A_table_is_created_from_an_Elasticsearch_mapping_with_the_contract_key()
    {
        await using var node = await CassandraNode.StartAsync();
        var source = ElasticsearchTable(("name", "text"), ("code", "keyword"), ("n", "long"), ("i", "integer"), ("s", "short"), ("b", "byte"),
            ("d", "double"), ("f", "float"), ("ok", "boolean"), ("at", "date"), ("raw", "binary"), ("ip", "ip"), ("extra", "object"), ("big", "unsigned_long"));

        var created = await node.Store.CreateTableAsync(source, CancellationToken.None);

        Assert.True(created.MeetsContract, created.Reason);
        Assert.Equal("ks.people", created.Location);
        var types = created.Columns.ToDictionary(c => c.Name, c => c.TypeName);
        Assert.Equal("uuid", types["id"]);
        Assert.Equal("timeuuid", types["tmstmp"]);
        Assert.Equal("text", types["name"]);
        Assert.Equal("text", types["code"]);
        Assert.Equal("bigint", types["n"]);
        Assert.Equal("int", types["i"]);
        Assert.Equal("smallint", types["s"]);
        Assert.Equal("tinyint", types["b"]);
        Assert.Equal("double", types["d"]);
        Assert.Equal("float", types["f"]);
        Assert.Equal("boolean", types["ok"]);
        Assert.Equal("timestamp", types["at"]);
        Assert.Equal("blob", types["raw"]);
        Assert.Equal("inet", types["ip"]);
        Assert.Equal("text", types["extra"]);
        Assert.Equal("varint", types["big"]);
        var listed = await node.TableAsync("people");
        Assert.True(listed.MeetsContract);
    }

    [Fact]
    public async Task A_field_type_without_a_CQL_equivalent_is_named_and_nothing_is_created()
    {
        await using var node = await CassandraNode.StartAsync();
        var source = ElasticsearchTable(("name", "text"), ("where", "geo_point"), ("vector", "dense_vector"));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => node.Store.CreateTableAsync(source, CancellationToken.None));

        Assert.Contains("where (geo_point), vector (dense_vector)", error.Message);
        Assert.Contains("ks.people", error.Message);
        Assert.Empty(await node.Store.ListTablesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_dense_vector_with_its_dims_becomes_a_float_vector_on_Cassandra_5()
    {
        await using var node = await CassandraNode.StartAsync(cassandraVersion: "5.0.2");
        var source = new TableInfo("people", new[]
        {
            new ColumnInfo("id", ElasticsearchFieldType.Keyword), new ColumnInfo("tmstmp", ElasticsearchFieldType.Date),
            new ColumnInfo("embedding", ElasticsearchFieldType.DenseVector.WithDimensions(3)),
        }, null, "app-people");

        var created = await node.Store.CreateTableAsync(source, CancellationToken.None);

        Assert.True(created.MeetsContract, created.Reason);
        Assert.Equal("vector<float, 3>", created.Columns.Single(c => c.Name == "embedding").TypeName);
    }

    [Fact]
    public void A_dense_vector_mapping_keeps_its_dims()
    {
        var mapping = Synced.Core.Elasticsearch.IndexMapping.ParseResponse(System.Text.Encoding.UTF8.GetBytes(
            "{\"app-people\":{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"embedding\":{\"type\":\"dense_vector\",\"dims\":384}}}}}")).Single();
        var field = mapping.Fields.Single(f => f.Name == "embedding");
        Assert.Equal(384, field.Type.Dimensions);
        Assert.Equal("vector<float, 384>", Synced.Core.Cassandra.CqlTableDefinition.CqlTypeFor(new ColumnInfo("embedding", field.Type))?.ToString());
    }

    [Theory]
    [InlineData("keyword", "text")]
    [InlineData("half_float", "float")]
    [InlineData("scaled_float", "double")]
    [InlineData("date_nanos", "timestamp")]
    [InlineData("nested", "text")]
    [InlineData("geo_point", null)]
    public void Field_types_map_to_CQL_types_or_to_none(string fieldType, string? cqlType)
        => Assert.Equal(cqlType, Synced.Core.Cassandra.CqlTableDefinition.CqlTypeFor(new ColumnInfo("f", ElasticsearchFieldType.FromName(fieldType)))?.ToString());

    [Theory]
    [InlineData("list<int>", "list<int>")]
    [InlineData("frozen<map<text, bigint>>", "frozen<map<text, bigint>>")]
    [InlineData("frozen<address>", null)]
    [InlineData("list<frozen<address>>", null)]
    public void A_Cassandra_column_keeps_its_CQL_type_unless_it_holds_a_user_defined_type(string columnType, string? cqlType)
        => Assert.Equal(cqlType, Synced.Core.Cassandra.CqlTableDefinition.CqlTypeFor(new ColumnInfo("c", CqlTypeText.Parse(columnType)))?.ToString());

    [Fact]
    public void The_statement_keys_the_table_by_id_and_newest_tmstmp_first()
    {
        var statement = Synced.Core.Cassandra.CqlTableDefinition.BuildCreateTable("app", "People", ElasticsearchTable(("Name", "keyword")));
        Assert.Equal("CREATE TABLE IF NOT EXISTS app.\"People\" (id uuid, tmstmp timeuuid, \"Name\" text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)", statement);
    }
}
