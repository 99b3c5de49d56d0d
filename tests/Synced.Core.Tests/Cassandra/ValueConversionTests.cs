using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Numerics;
using Synced.Core.Cassandra;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ValueConversionTests
{
    private static object? Convert(string cqlType, object? value) => CqlValueWriter.Convert(CqlType.Parse(cqlType), value);

    private static string Failure(string cqlType, object? value)
        => Assert.Throws<CqlValueConversionException>(() => Convert(cqlType, value)).Message;

    [Theory]
    [InlineData("tinyint", 128L, "outside -128..127")]
    [InlineData("tinyint", -129L, "outside -128..127")]
    [InlineData("smallint", 32768L, "outside -32768..32767")]
    [InlineData("int", 3000000000L, "outside -2147483648..2147483647")]
    [InlineData("int", "12a", "it is no integer")]
    [InlineData("int", true, "it is no whole number")]
    [InlineData("bigint", "9223372036854775808", "outside")]
    [InlineData("uuid", "not-a-uuid", "it is no UUID")]
    [InlineData("timeuuid", "5b6962dd-3f90-4c93-8f61-eabfa4a803e2", "version 4 UUID")]
    [InlineData("inet", "300.1.1.1", "no IPv4 or IPv6 address")]
    [InlineData("blob", "***", "not base64")]
    [InlineData("boolean", "yes", "no boolean")]
    [InlineData("timestamp", "2015-01-02T03:04:05.6789Z", "finer part")]
    [InlineData("timestamp", "soon", "no ISO 8601 time")]
    [InlineData("date", "2015-02-30", "2015-02-30")]
    [InlineData("date", "2015-01-02T10:00:00Z", "no date")]
    [InlineData("time", "25:00:00", "HH:mm:ss")]
    [InlineData("duration", "3 fortnights", "not a duration")]
    [InlineData("decimal", "1.2.3", "no finite decimal")]
    [InlineData("varint", "1.5", "it is no whole number")]
    [InlineData("double", "1e999", "exceeds the range of a double")]
    [InlineData("float", "1e39", "exceeds the range of a float")]
    [InlineData("ascii", "naïve", "non-ASCII character U+00EF")]
    [InlineData("list<int>", "1,2", "a list or set takes an array")]
    [InlineData("map<text, int>", "x", "a map takes an object")]
    public void A_value_the_type_cannot_hold_is_refused_with_the_type_and_the_reason(string type, object value, string reason)
    {
        var message = Failure(type, value);
        Assert.Contains(type, message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void A_whole_number_in_a_decimal_or_double_form_fits_an_integer_column_and_a_fraction_does_not()
    {
        Assert.Equal(42, Convert("int", 42.0m));
        Assert.Equal(42, Convert("int", 42.0));
        Assert.Equal((sbyte)-3, Convert("tinyint", "-3"));
        Assert.Contains("it is no whole number", Failure("int", 42.5m));
        Assert.Contains("outside", Failure("bigint", 1e300));
    }

    [Fact]
    public void Floating_point_columns_take_the_nearest_value_as_elasticsearch_does_and_exact_types_lose_no_digit()
    {
        Assert.Equal(0.1, Convert("double", 0.1m));
        Assert.Equal(0.1f, Convert("float", 0.1m));
        Assert.Equal(0.1f, Convert("float", 0.1)); // the JSON number a float was written as
        Assert.Equal(16777216f, Convert("float", 16777216L));
        Assert.Equal(16777216f, Convert("float", 16777217L));
        Assert.Equal(9007199254740992.0, Convert("double", 9007199254740993L));
        Assert.Equal(CqlDecimal.Parse("0.30000000000000004"), Convert("decimal", 0.30000000000000004));
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), Convert("varint", "123456789012345678901234567890"));
    }

    [Fact]
    public void Collections_name_the_element_that_does_not_fit()
    {
        var list = Failure("list<int>", new List<object?> { 1L, 2L, 5_000_000_000L });
        Assert.Contains("element 2 of list<int>", list);
        Assert.Contains("null", Failure("set<text>", new List<object?> { "a", null }));
        var map = Failure("map<int, text>", new Dictionary<string, object?> { ["1"] = "one", ["two"] = "2" });
        Assert.Contains("key 'two' of map<int, text>", map);
        var tuple = Failure("tuple<int, text>", new List<object?> { 1L });
        Assert.Contains("it has 1 components; the tuple has 2", tuple);
    }

    [Fact]
    public void A_user_defined_type_takes_an_object_with_its_fields_only()
    {
        var type = CqlType.Udt("ks", "address", new[] { new CqlUdtField("street", CqlType.Text), new CqlUdtField("zip", CqlType.Int) });
        var value = Assert.IsType<CqlUdtValue>(CqlValueWriter.Convert(type, new Dictionary<string, object?> { ["zip"] = 12345L }));
        Assert.Equal(12345, value["zip"]);
        Assert.Null(value["street"]);
        var error = Assert.Throws<CqlValueConversionException>(() => CqlValueWriter.Convert(type, new Dictionary<string, object?> { ["city"] = "x" }));
        Assert.Contains("the type has no field 'city'", error.Message);
    }

    [Fact]
    public void A_text_column_takes_scalars_as_text_and_objects_as_their_JSON()
    {
        Assert.Equal("42", Convert("text", 42L));
        Assert.Equal("true", Convert("text", true));
        Assert.Equal("{\"a\":[1,\"x\"]}", Convert("text", new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "x" } }));
    }

    [Fact]
    public void Text_forms_of_dates_times_and_addresses_convert()
    {
        Assert.Equal(new DateTimeOffset(2015, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), Convert("timestamp", "2015-01-02T04:04:05.678+01:00"));
        Assert.Equal(new DateTimeOffset(2015, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), Convert("timestamp", "1420167845678"));
        Assert.Equal(new DateTimeOffset(2015, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), Convert("timestamp", 1420167845678L));
        Assert.Equal(CqlDate.FromYearMonthDay(2015, 1, 2), Convert("date", "2015-01-02T00:00:00Z"));
        Assert.Equal(CqlDate.FromYearMonthDay(2015, 1, 2), Convert("date", 1420156800000L));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), Convert("inet", "10.0.0.1"));
    }

    [Theory]
    [InlineData("1y2mo3w4d5h6m7s8ms9us10ns", 14, 25, 18367008009010L)]
    [InlineData("-2d3h", -0, -2, -10800000000000L)]
    [InlineData("0s", 0, 0, 0L)]
    [InlineData("P1Y2M3DT4H5M6S", 14, 3, 14706000000000L)]
    [InlineData("P2W", 0, 14, 0L)]
    [InlineData("4MO", 4, 0, 0L)]
    public void Durations_parse_in_the_unit_and_ISO_8601_forms(string text, int months, int days, long nanoseconds)
        => Assert.Equal(new CqlDuration(months, days, nanoseconds), Convert("duration", text));

    [Fact]
    public void A_duration_prints_as_text_that_parses_back_to_it()
    {
        foreach (var duration in new[] { new CqlDuration(14, 3, 4_000_000_005L), new CqlDuration(-1, -2, -3), new CqlDuration(0, 0, long.MaxValue) })
            Assert.Equal(duration, Convert("duration", duration.ToString()));
    }

    [Fact]
    public void Values_read_from_CQL_become_the_entry_forms()
    {
        var map = CqlValueReader.ToEntryValue(CqlType.Map(CqlType.Int, CqlType.List(CqlType.Text)),
            new List<KeyValuePair<object?, object?>> { new(1, new List<object?> { "a" }) });
        var dictionary = Assert.IsType<Dictionary<object, object?>>(map);
        Assert.Equal(new List<object?> { "a" }, dictionary[1]);
        Assert.Null(CqlValueReader.ToEntryValue(CqlType.Int, null));
    }
}
