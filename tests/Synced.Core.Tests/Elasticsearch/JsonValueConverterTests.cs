using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

public class JsonValueConverterTests
{
    private static string Json(object? value, string? fieldType = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            JsonValueConverter.Write(writer, value, fieldType is null ? null : ElasticsearchFieldType.FromName(fieldType), "f");
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static object? Read(string json) => JsonValueConverter.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Dates_are_iso_utc_with_milliseconds()
    {
        var moment = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        Assert.Equal("\"2024-02-29T21:59:58.123Z\"", Json(moment));
        Assert.Equal("\"1969-12-31T23:59:59.999Z\"", Json(new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc)));
    }

    [Fact]
    public void Json_text_for_an_object_field_goes_back_as_the_object_it_was()
    {
        Assert.Equal("{\"a\":1,\"b\":[true,null]}", Json("{\"a\": 1, \"b\": [true, null]}", "object"));
        Assert.Equal("[{\"a\":1}]", Json("[{\"a\":1}]", "nested"));
        // A map synced into a Cassandra text column (flattened maps to text) comes back as the map.
        Assert.Equal("{\"k\":{\"x\":[1,2]}}", Json("{\"k\":{\"x\":[1,2]}}", "flattened"));
    }

    [Theory]
    [InlineData("{not json", "object")]
    [InlineData("plain words", "object")]
    [InlineData("{\"a\":1}", "keyword")]
    [InlineData("{\"a\":1}", null)]
    public void Other_text_stays_a_string(string text, string? fieldType)
    {
        var written = JsonDocument.Parse(Json(text, fieldType)).RootElement;
        Assert.Equal(JsonValueKind.String, written.ValueKind);
        Assert.Equal(text, written.GetString());
    }

    [Fact]
    public void Guids_blobs_and_addresses_are_strings()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("\"0f8fad5b-d9cb-469f-a165-70867728950e\"", Json(id));
        Assert.Equal("\"AQID/w==\"", Json(new byte[] { 1, 2, 3, 255 }));
        Assert.Equal("\"2001:db8::1\"", Json(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Decimals_are_strings_for_keyword_fields_and_numbers_for_numeric_fields()
    {
        Assert.Equal("\"12345678901234567890.123456789\"", Json(12345678901234567890.123456789m, "keyword"));
        Assert.Equal("\"1.50\"", Json(1.50m, null));
        Assert.Equal("1.50", Json(1.50m, "double"));
    }

    [Fact]
    public void Big_integers_keep_every_digit()
    {
        var big = BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture);
        Assert.Equal("\"123456789012345678901234567890\"", Json(big, "keyword"));
        Assert.Equal("\"123456789012345678901234567890\"", Json(big, null));
        Assert.Equal("42", Json(new BigInteger(42), null));
        Assert.Equal("42", Json(new BigInteger(42), "long"));
    }

    [Fact]
    public void A_big_integer_beyond_a_long_field_fails_with_the_field_name()
    {
        var big = BigInteger.Pow(2, 70);
        var ex = Assert.Throws<ValueConversionException>(() => Json(big, "long"));
        Assert.Contains("'f'", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_doubles_have_no_json_form(double value)
        => Assert.Throws<ValueConversionException>(() => Json(value));

    [Fact]
    public void Floats_and_doubles_round_trip_in_shortest_form()
    {
        Assert.Equal("0.1", Json(0.1));
        Assert.Equal("0.1", Json(0.1f));
        Assert.Equal(0.1, Read(Json(0.1)) is decimal d ? (double)d : double.NaN);
    }

    [Fact]
    public void Collections_udts_and_tuples_become_arrays_and_objects()
    {
        var value = new Dictionary<string, object?>
        {
            ["list"] = new List<object?> { 1, 2 },
            ["map"] = new Dictionary<int, string> { [7] = "seven" },
            ["tuple"] = new object?[] { 1, "a", null },
            ["udt"] = new Dictionary<string, object?> { ["city"] = "Bern" },
        };
        Assert.Equal("{\"list\":[1,2],\"map\":{\"7\":\"seven\"},\"tuple\":[1,\"a\",null],\"udt\":{\"city\":\"Bern\"}}", Json(value));
    }

    [Fact]
    public void A_udt_given_as_ordered_field_pairs_becomes_an_object()
    {
        // The shape of Synced.Cql's UDT value: an ordered list of (field name, value).
        var udt = new List<KeyValuePair<string, object?>> { new("street", "Main 1"), new("zip", 3000) };
        Assert.Equal("{\"street\":\"Main 1\",\"zip\":3000}", Json(udt));
    }

    [Fact]
    public void Values_of_unknown_types_are_written_as_their_text()
        => Assert.Equal("\"1mo2d\"", Json(new TextOnlyValue("1mo2d")));

    private sealed class TextOnlyValue
    {
        private readonly string _text;

        public TextOnlyValue(string text) => _text = text;

        public override string ToString() => _text;
    }

    [Fact]
    public void Map_keys_of_uuid_and_timestamp_use_their_json_text()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var map = new Dictionary<object, object?> { [id] = 1, [new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)] = 2 };
        Assert.Equal("{\"0f8fad5b-d9cb-469f-a165-70867728950e\":1,\"2024-01-02T03:04:05.000Z\":2}", Json(map));
    }

    [Fact]
    public void Unknown_formattable_values_use_their_invariant_text()
        => Assert.Equal("\"08:12:54.1230000\"", Json(new TimeSpan(0, 8, 12, 54, 123)));

    [Fact]
    public void Integers_read_as_long_or_big_integer()
    {
        Assert.Equal(42L, Read("42"));
        Assert.Equal(-9223372036854775808L, Read("-9223372036854775808"));
        Assert.Equal(BigInteger.Parse("9223372036854775808", CultureInfo.InvariantCulture), Read("9223372036854775808"));
        Assert.Equal(BigInteger.Parse("-123456789012345678901234567890", CultureInfo.InvariantCulture), Read("-123456789012345678901234567890"));
    }

    [Fact]
    public void Fractions_read_as_exact_decimals_keeping_their_scale()
    {
        var value = Assert.IsType<decimal>(Read("1.50"));
        Assert.Equal("1.50", value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(12345678901234567890.123456789m, Read("12345678901234567890.123456789"));
        Assert.Equal(150000m, Read("1.5e5"));
    }

    [Fact]
    public void Numbers_beyond_decimal_read_as_double_when_exact_else_as_their_literal()
    {
        Assert.Equal(1.5e300, Read("1.5e300"));
        Assert.Equal(1e-300, Read("1e-300"));
        Assert.Equal("0.12345678901234567890123456789012345", Read("0.12345678901234567890123456789012345"));
    }

    [Fact]
    public void Arrays_and_objects_read_as_lists_and_dictionaries()
    {
        var value = Assert.IsType<Dictionary<string, object?>>(Read("{\"a\":[1,\"x\",true,null],\"b\":{\"c\":false}}"));
        var list = Assert.IsType<List<object?>>(value["a"]);
        Assert.Equal(new object?[] { 1L, "x", true, null }, list);
        Assert.Equal(false, Assert.IsType<Dictionary<string, object?>>(value["b"])["c"]);
    }
}
