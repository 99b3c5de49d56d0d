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
        => new("people", new[] { new ColumnInfo("id", "keyword"), new ColumnInfo("tmstmp", "date") }
            .Concat(fields.Select(f => new ColumnInfo(f.Name, f.Type))).ToList(), null, "app-people");

    [Fact]
    public async Task A_table_is_created_from_an_Elasticsearch_mapping_with_the_contract_key()
    {
        await using var node = await CassandraNode.StartAsync();
        var source = ElasticsearchTable(("name", "text"), ("code", "keyword"), ("n", "long"), ("i", "integer"), ("s", "short"), ("b", "byte"),
            ("d", "double"), ("f", "float"), ("ok", "boolean"), ("at", "date"), ("raw", "binary"), ("ip", "ip"), ("extra", "object"), ("big", "unsigned_long"));

        var created = await node.Store.CreateTableAsync(source, CancellationToken.None);

        Assert.True(created.MeetsContract, created.Reason);
        Assert.Equal("ks.people", created.Location);
        var types = created.Columns.ToDictionary(c => c.Name, c => c.Type);
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
}
