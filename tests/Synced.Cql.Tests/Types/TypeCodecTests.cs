using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Numerics;
using Synced.Cql.Protocol;
using Synced.Cql.Tests.Vectors;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

public class TypeCodecTests
{
    [Fact]
    public void Uuid_is_written_in_RFC_order_not_Guid_memory_order()
    {
        var value = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

        Assert.Equal("00112233445566778899aabbccddeeff", VectorFiles.ToHex(TypeCodec.Serialize(CqlType.Uuid, value)));
    }

    [Theory]
    [InlineData("1.50", "150", 2)]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335", 0)]
    [InlineData("0.0000000000000000000000000001", "1", 28)]
    public void System_decimal_converts_exactly_both_ways(string text, string unscaled, int scale)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var cql = CqlDecimal.FromDecimal(value);

        Assert.Equal(BigInteger.Parse(unscaled, CultureInfo.InvariantCulture), cql.Unscaled);
        Assert.Equal(scale, cql.Scale);
        Assert.Equal(value, cql.ToDecimal());
        Assert.Equal(text, cql.ToString());
    }

    [Fact]
    public void Decimal_beyond_System_Decimal_stays_exact_and_refuses_lossy_conversion()
    {
        var huge = CqlDecimal.Parse("123456789012345678901234567890.123456789");
        var tiny = CqlDecimal.Parse("1E-40");

        var decoded = TypeCodec.Deserialize(CqlType.Decimal, TypeCodec.Serialize(CqlType.Decimal, huge));

        Assert.Equal(huge, decoded);
        Assert.False(huge.TryToDecimal(out _));
        Assert.False(tiny.TryToDecimal(out _));
        Assert.Throws<OverflowException>(() => huge.ToDecimal());
        Assert.Equal(1000m, CqlDecimal.Parse("1E+3").ToDecimal());
        Assert.True(CqlDecimal.Parse("1.0").CompareTo(CqlDecimal.Parse("1.00")) == 0);
        Assert.NotEqual(CqlDecimal.Parse("1.0"), CqlDecimal.Parse("1.00"));
    }

    [Fact]
    public void Date_range_covers_both_ends_and_converts_to_DateTime_inside_it()
    {
        Assert.Equal("-5877641-06-23", CqlDate.MinValue.ToString());
        Assert.Equal("+5881580-07-11", CqlDate.MaxValue.ToString());
        Assert.Equal(new DateTime(2017, 2, 4), new CqlDate(0x80004331).ToDateTime());
        Assert.Equal(CqlDate.Parse("2017-02-04"), CqlDate.FromDateTime(new DateTime(2017, 2, 4, 13, 0, 0)));
        Assert.Throws<OverflowException>(() => CqlDate.MinValue.ToDateTime());
    }

    [Fact]
    public void Timestamp_outside_DateTimeOffset_decodes_losslessly_as_CqlTimestamp()
    {
        var far = new CqlTimestamp(long.MaxValue);

        var decoded = TypeCodec.Deserialize(CqlType.Timestamp, TypeCodec.Serialize(CqlType.Timestamp, far));

        Assert.Equal(far, decoded);
    }

    [Fact]
    public void Timestamp_before_1970_with_sub_millisecond_ticks_rounds_down_like_Java()
    {
        var value = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(5000);

        Assert.Equal(-1L, CqlTimestamp.FromDateTimeOffset(value).Milliseconds);
    }

    [Fact]
    public void Time_parses_and_prints_nanoseconds()
    {
        var time = CqlTime.Parse("00:22:56.387523");

        Assert.Equal(1376387523000L, time.Nanoseconds);
        Assert.Equal("00:22:56.387523000", time.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CqlTime(CqlTime.NanosecondsPerDay));
    }

    [Fact]
    public void Duration_with_mixed_signs_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CqlDuration(1, -1, 0));
        Assert.Equal("1y2mo3d4h5m6s7ms8us9ns", new CqlDuration(14, 3, 4L * 3600_000_000_000 + 5L * 60_000_000_000 + 6_007_008_009).ToString());
    }

    [Theory]
    [InlineData("int", 3_000_000_000L)]
    [InlineData("smallint", 40000)]
    [InlineData("tinyint", 200)]
    public void Integer_out_of_column_range_is_refused(string type, object value)
    {
        var error = Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(CqlType.Parse(type), value));
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void Narrower_integers_widen_exactly()
    {
        Assert.Equal(TypeCodec.Serialize(CqlType.Bigint, 5L), TypeCodec.Serialize(CqlType.Bigint, 5));
        Assert.Equal(TypeCodec.Serialize(CqlType.Varint, new BigInteger(-7)), TypeCodec.Serialize(CqlType.Varint, -7L));
    }

    [Fact]
    public void Wrong_dotnet_type_names_the_type_and_column_type()
    {
        var error = Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(CqlType.Int, "12"));
        Assert.Contains("System.String", error.Message);
        Assert.Contains("int", error.Message);
    }

    [Fact]
    public void Ascii_refuses_non_ascii_text()
    {
        Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(CqlType.Ascii, "é"));
    }

    [Fact]
    public void Timeuuid_column_refuses_a_random_uuid()
    {
        Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(CqlType.Timeuuid, Guid.NewGuid()));
    }

    [Fact]
    public void Nested_collections_udt_and_tuple_round_trip()
    {
        var udt = CqlType.Udt("ks", "u", new[] { new CqlUdtField("a", CqlType.Int), new CqlUdtField("b", CqlType.List(CqlType.Text)) });
        var type = CqlType.Map(CqlType.Text, CqlType.List(CqlType.Tuple(CqlType.Int, udt)));
        var value = new Dictionary<string, object>
        {
            ["k"] = new List<object> { new object?[] { 1, new Dictionary<string, object?> { ["b"] = new[] { "x", "y" } } } },
        };

        var decoded = TypeCodec.Deserialize(type, TypeCodec.Serialize(type, value));

        var pairs = Assert.IsType<List<KeyValuePair<object?, object?>>>(decoded);
        var tuple = Assert.IsType<object?[]>(Assert.Single(Assert.IsType<List<object?>>(pairs[0].Value)));
        var udtValue = Assert.IsType<CqlUdtValue>(tuple[1]);
        Assert.Equal(1, tuple[0]);
        Assert.Null(udtValue["a"]);
        Assert.Equal(new List<object?> { "x", "y" }, udtValue["b"]);
    }

    [Fact]
    public void Udt_field_that_does_not_exist_is_refused()
    {
        var udt = CqlType.Udt("ks", "u", new[] { new CqlUdtField("a", CqlType.Int) });

        var error = Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(udt, new Dictionary<string, object?> { ["zz"] = 1 }));
        Assert.Contains("'zz'", error.Message);
    }

    [Fact]
    public void Null_and_unset_values_are_written_as_minus_one_and_minus_two()
    {
        using var writer = new FrameWriter();
        writer.WriteValue(CqlType.Int, null);
        writer.WriteValue(CqlType.Int, CqlUnset.Value);
        var reader = new FrameReader(writer.ToArray());

        Assert.Equal(-1, RawValue.Read(ref reader).Length);
        Assert.True(RawValue.Read(ref reader).IsUnset);
    }

    [Fact]
    public void Empty_bytes_of_a_fixed_size_type_read_as_null_and_wrong_sizes_fail()
    {
        Assert.Null(TypeCodec.Deserialize(CqlType.Int, Array.Empty<byte>()));
        Assert.Throws<CqlCodecException>(() => TypeCodec.Deserialize(CqlType.Int, new byte[3]));
        Assert.Throws<CqlCodecException>(() => TypeCodec.Deserialize(CqlType.List(CqlType.Int), new byte[] { 0, 0, 0, 9 }));
    }

    [Fact]
    public void Inet_round_trips_v4_and_v6()
    {
        foreach (var address in new[] { IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fe80::1") })
        {
            Assert.Equal(address, TypeCodec.Deserialize(CqlType.Inet, TypeCodec.Serialize(CqlType.Inet, address)));
        }
    }
}
