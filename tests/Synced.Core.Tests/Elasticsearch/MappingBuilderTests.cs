using System.Collections.Generic;
using System.Text.Json;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Tests.Cassandra;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

public class MappingBuilderTests
{
    private static JsonElement Field(string cqlType)
        => JsonDocument.Parse(ElasticsearchMappingBuilder.FieldMappingJson(CqlTypeText.Parse(cqlType))).RootElement;

    [Theory]
    [InlineData("uuid", "keyword")]
    [InlineData("timeuuid", "keyword")]
    [InlineData("int", "long")]
    [InlineData("bigint", "long")]
    [InlineData("smallint", "long")]
    [InlineData("tinyint", "long")]
    [InlineData("counter", "long")]
    [InlineData("varint", "keyword")]
    [InlineData("decimal", "keyword")]
    [InlineData("float", "float")]
    [InlineData("double", "double")]
    [InlineData("boolean", "boolean")]
    [InlineData("time", "keyword")]
    [InlineData("duration", "keyword")]
    [InlineData("blob", "binary")]
    [InlineData("inet", "ip")]
    [InlineData("BIGINT", "long")]
    [InlineData("'org.apache.cassandra.db.marshal.DynamicCompositeType'", "keyword")]
    public void Native_types_map_to_the_documented_field_type(string cqlType, string expected)
        => Assert.Equal(expected, Field(cqlType).GetProperty("type").GetString());

    [Theory]
    [InlineData("text")]
    [InlineData("varchar")]
    [InlineData("ascii")]
    public void Strings_map_to_text_with_a_keyword_subfield(string cqlType)
    {
        var field = Field(cqlType);
        Assert.Equal("text", field.GetProperty("type").GetString());
        Assert.Equal("keyword", field.GetProperty("fields").GetProperty("keyword").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("date")]
    public void Timestamps_and_dates_map_to_date_with_iso_or_epoch_millis(string cqlType)
    {
        var field = Field(cqlType);
        Assert.Equal("date", field.GetProperty("type").GetString());
        Assert.Equal("strict_date_optional_time||epoch_millis", field.GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("list<int>", "long")]
    [InlineData("set<text>", "text")]
    [InlineData("frozen<list<uuid>>", "keyword")]
    [InlineData("list<frozen<list<double>>>", "double")]
    [InlineData("set<timestamp>", "date")]
    public void Lists_and_sets_take_their_element_mapping(string cqlType, string expected)
        => Assert.Equal(expected, Field(cqlType).GetProperty("type").GetString());

    [Theory]
    [InlineData("map<text, int>")]
    [InlineData("map<uuid, frozen<list<text>>>")]
    [InlineData("map<text, frozen<tuple<int, text>>>")]
    [InlineData("frozen<map<int, frozen<map<text, blob>>>>")]
    public void A_map_is_one_flattened_field_whatever_its_keys(string cqlType)
        => Assert.Equal("{\"type\":\"flattened\"}", ElasticsearchMappingBuilder.FieldMappingJson(CqlTypeText.Parse(cqlType)));

    [Fact]
    public void Before_flattened_existed_a_map_is_kept_in_the_source_unindexed()
        => Assert.Equal("{\"type\":\"object\",\"enabled\":false}", ElasticsearchMappingBuilder.FieldMappingJson(CqlTypeText.Parse("map<text, int>"), flattenedMaps: false));

    [Fact]
    public void A_tuple_of_scalars_is_a_keyword_array()
        => Assert.Equal("keyword", Field("tuple<int, text, uuid>").GetProperty("type").GetString());

    [Fact]
    public void A_tuple_holding_a_map_is_kept_unindexed()
    {
        var field = Field("frozen<tuple<int, map<text, int>>>");
        Assert.Equal("object", field.GetProperty("type").GetString());
        Assert.False(field.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("frozen<address>")]
    [InlineData("shop.\"Address\"")]
    public void A_user_defined_type_is_a_dynamic_object(string cqlType)
    {
        var field = Field(cqlType);
        Assert.Equal("object", field.GetProperty("type").GetString());
        Assert.True(field.GetProperty("dynamic").GetBoolean());
    }

    [Fact]
    public void Index_body_has_contract_fields_columns_meta_and_no_date_detection()
    {
        var source = new TableInfo("Users", new List<ColumnInfo>
        {
            new("id", CqlType.Uuid),
            new("tmstmp", CqlType.Timeuuid),
            new("name", CqlType.Text),
            new("tags", CqlType.Set(CqlType.Text)),
        });
        var body = ElasticsearchMappingBuilder.BuildMapping(source, "table", new[] { "Users" }, wrapInMappings: true);
        var mappings = JsonDocument.Parse(body).RootElement.GetProperty("mappings");
        Assert.False(mappings.GetProperty("date_detection").GetBoolean());
        Assert.Equal("Users", mappings.GetProperty("_meta").GetProperty("synced_tables")[0].GetString());
        var properties = mappings.GetProperty("properties");
        Assert.Equal("keyword", properties.GetProperty("id").GetProperty("type").GetString());
        Assert.Equal("date", properties.GetProperty("tmstmp").GetProperty("type").GetString());
        Assert.Equal("strict_date_optional_time||epoch_millis", properties.GetProperty("tmstmp").GetProperty("format").GetString());
        Assert.Equal("keyword", properties.GetProperty("table").GetProperty("type").GetString());
        Assert.Equal("text", properties.GetProperty("name").GetProperty("type").GetString());
        Assert.Equal("text", properties.GetProperty("tags").GetProperty("type").GetString());
    }

    [Fact]
    public void A_column_without_a_CQL_type_is_not_supported_and_named()
    {
        var source = new TableInfo("t", new List<ColumnInfo> { new("id", CqlType.Uuid), new("broken", ElasticsearchFieldType.FromName("geo_point")) });
        var ex = Assert.Throws<System.NotSupportedException>(() => ElasticsearchMappingBuilder.BuildMapping(source, null, new[] { "t" }, true));
        Assert.Contains("t.broken", ex.Message);
    }
}
