using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Synced.Core.Cassandra;
using Synced.Core.Elasticsearch;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>Cassandra 5.0's vector&lt;float, n&gt; maps to an Elasticsearch dense_vector and its values travel both ways.</summary>
public sealed class VectorTests
{
    private static JsonElement Mapping(string cqlType) => JsonDocument.Parse(ElasticsearchMappingBuilder.FieldMappingJson(CqlTypeText.Parse(cqlType))).RootElement;

    [Fact]
    public void A_float_vector_column_maps_to_a_dense_vector_of_its_dimension()
    {
        var mapping = Mapping("vector<float, 3>");

        Assert.Equal("dense_vector", mapping.GetProperty("type").GetString());
        Assert.Equal(3, mapping.GetProperty("dims").GetInt32());
        Assert.Equal(1536, Mapping("vector<float, 1536>").GetProperty("dims").GetInt32());
    }

    [Theory]
    [InlineData("list<frozen<vector<float, 3>>>", "float")]
    [InlineData("vector<float, 4096>", "float")]
    [InlineData("vector<double, 3>", "double")]
    [InlineData("vector<int, 2>", "long")]
    [InlineData("vector<text, 2>", "text")]
    public void Other_vectors_map_as_arrays_of_their_element_type(string cqlType, string expected)
    {
        Assert.Equal(expected, Mapping(cqlType).GetProperty("type").GetString());
    }

    [Fact]
    public void A_vector_read_from_Cassandra_becomes_a_list_of_its_numbers()
    {
        var type = CqlType.Parse("vector<float, 3>");
        var decoded = TypeCodec.Deserialize(type, TypeCodec.Serialize(type, new[] { 0.25f, -1f, 3.5f }));

        var entryValue = CqlValueReader.ToEntryValue(type, decoded);

        Assert.Equal(new object?[] { 0.25f, -1f, 3.5f }, Assert.IsType<List<object?>>(entryValue));
    }

    [Fact]
    public void A_dense_vector_from_Elasticsearch_goes_back_into_the_vector_column_exactly()
    {
        var type = CqlType.Parse("vector<float, 3>");
        // What an Elasticsearch source gives for [0.1, 2, -3.5e-3]: numbers in their JSON forms.
        var json = new List<object?> { 0.1m, 2L, -0.0035m };

        var value = CqlValueWriter.Convert(type, json);

        var bytes = TypeCodec.Serialize(type, value!);
        Assert.Equal(new[] { 0.1f, 2f, -0.0035f }, (float[])TypeCodec.Deserialize(type, bytes)!);
    }

    [Theory]
    [InlineData(2, "it has 2 elements; the vector has exactly 3")]
    [InlineData(4, "it has 4 elements; the vector has exactly 3")]
    public void An_array_of_another_length_fails_the_entry_with_both_lengths(int length, string reason)
    {
        var type = CqlType.Parse("vector<float, 3>");

        var error = Assert.Throws<CqlValueConversionException>(() => CqlValueWriter.Convert(type, Enumerable.Repeat((object?)1L, length).ToList()));

        Assert.Contains("vector<float, 3>", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_null_element_or_a_value_that_is_no_array_fails_the_entry()
    {
        var type = CqlType.Parse("vector<float, 2>");

        Assert.Contains("element 1 is null", Assert.Throws<CqlValueConversionException>(() => CqlValueWriter.Convert(type, new List<object?> { 1L, null })).Message);
        Assert.Contains("a vector takes an array", Assert.Throws<CqlValueConversionException>(() => CqlValueWriter.Convert(type, "1,2")).Message);
        Assert.Contains("element 0 of vector<float, 2>", Assert.Throws<CqlValueConversionException>(() => CqlValueWriter.Convert(type, new List<object?> { "x", 1L })).Message);
    }
}
