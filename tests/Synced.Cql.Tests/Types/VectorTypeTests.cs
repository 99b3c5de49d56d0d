using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

/// <summary>Cassandra 5.0's vector&lt;T, n&gt;: schema text, the custom [option] a node sends, and the value encoding of VectorType.</summary>
public sealed class VectorTypeTests
{
    private const string M = "org.apache.cassandra.db.marshal.";

    [Theory]
    [InlineData("vector<float, 3>", "vector<float, 3>")]
    [InlineData("VECTOR < float ,1536 >", "vector<float, 1536>")]
    [InlineData("vector<text, 2>", "vector<text, 2>")]
    [InlineData("vector<list<int>, 2>", "vector<frozen<list<int>>, 2>")]
    [InlineData("list<frozen<vector<double, 4>>>", "list<vector<double, 4>>")]
    public void Schema_text_parses_and_prints_back(string text, string expected)
    {
        var type = CqlType.Parse(text);

        Assert.Equal(expected, type.ToString());
        Assert.Equal(CqlType.Parse(expected), type);
    }

    [Theory]
    [InlineData("vector<float>")]
    [InlineData("vector<float, 0>")]
    [InlineData("vector<float, -2>")]
    [InlineData("vector<float, x>")]
    public void A_vector_without_a_positive_dimension_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => CqlType.Parse(text));
    }

    [Theory]
    // Cassandra writes " , " before the dimension (TypeParser.stringifyVectorParameters) and its parser skips blanks.
    [InlineData(M + "VectorType(" + M + "FloatType , 3)", "vector<float, 3>")]
    [InlineData(M + "VectorType(" + M + "UTF8Type , 2)", "vector<text, 2>")]
    [InlineData(M + "VectorType(" + M + "FrozenType(" + M + "ListType(" + M + "Int32Type)) , 2)", "vector<frozen<list<int>>, 2>")]
    [InlineData(M + "VectorType(" + M + "TupleType(" + M + "LongType," + M + "TimeUUIDType) , 5)", "vector<tuple<bigint, timeuuid>, 5>")]
    public void The_custom_option_a_node_sends_is_read_as_the_vector_and_written_back_the_same(string className, string expected)
    {
        var writer = new FrameWriter();
        writer.WriteShort(0x0000);
        writer.WriteString(className);
        var reader = new FrameReader(writer.ToArray());

        var type = CqlType.ReadOption(ref reader);

        Assert.Equal(CqlTypeCode.Vector, type.Code);
        Assert.Equal(expected, type.ToString());
        var back = new FrameWriter();
        type.WriteOption(back);
        var again = new FrameReader(back.ToArray());
        Assert.Equal(0x0000, again.ReadShort());
        Assert.Equal(className, again.ReadString());
    }

    [Fact]
    public void The_spelling_without_blanks_is_read_too()
    {
        var type = CqlType.Custom(M + "VectorType(" + M + "FloatType,3)");

        Assert.Equal("vector<float, 3>", type.ToString());
    }

    [Fact]
    public void A_custom_class_that_only_looks_like_a_vector_stays_custom()
    {
        var type = CqlType.Custom(M + "VectorType(org.example.Unknown,3)");

        Assert.Equal(CqlTypeCode.Custom, type.Code);
    }

    [Fact]
    public void Fixed_size_elements_are_written_back_to_back_without_lengths()
    {
        Assert.Equal(Convert.FromHexString("3F80000040200000BF800000"), TypeCodec.Serialize(CqlType.Parse("vector<float, 3>"), new[] { 1.0f, 2.5f, -1f }));
        Assert.Equal(Convert.FromHexString("00000001FFFFFFFF"), TypeCodec.Serialize(CqlType.Parse("vector<int, 2>"), new List<object> { 1, -1 }));
        Assert.Equal(Convert.FromHexString("0100"), TypeCodec.Serialize(CqlType.Parse("vector<boolean, 2>"), new[] { true, false }));
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), TypeCodec.Serialize(CqlType.Parse("vector<uuid, 1>"), new[] { id }));
    }

    [Fact]
    public void Variable_size_elements_each_follow_their_length_as_an_unsigned_vint()
    {
        Assert.Equal(Convert.FromHexString("0161026263"), TypeCodec.Serialize(CqlType.Parse("vector<text, 2>"), new[] { "a", "bc" }));
        // 200 bytes: the vint takes two bytes (0x80 | high bits, low byte).
        var long200 = TypeCodec.Serialize(CqlType.Parse("vector<text, 1>"), new[] { new string('x', 200) });
        Assert.Equal(new byte[] { 0x80, 0xC8 }, long200.Take(2));
        Assert.Equal(202, long200.Length);
        // smallint is variable-size for Cassandra (ShortType has no fixed length).
        Assert.Equal(Convert.FromHexString("020007"), TypeCodec.Serialize(CqlType.Parse("vector<smallint, 1>"), new[] { (short)7 }));
    }

    [Theory]
    [InlineData("vector<float, 3>")]
    [InlineData("vector<double, 2>")]
    [InlineData("vector<text, 3>")]
    [InlineData("vector<frozen<list<int>>, 2>")]
    [InlineData("vector<timestamp, 2>")]
    [InlineData("vector<varint, 2>")]
    public void Values_round_trip(string text)
    {
        var type = CqlType.Parse(text);
        object value = text switch
        {
            "vector<float, 3>" => new[] { 0.5f, -3.25f, float.MaxValue },
            "vector<double, 2>" => new List<object?> { 1e300, -0.0 },
            "vector<text, 3>" => new List<object?> { "", "é", "three" },
            "vector<frozen<list<int>>, 2>" => new List<object?> { new List<object?> { 1, 2 }, new List<object?>() },
            "vector<timestamp, 2>" => new List<object?> { new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) },
            _ => new List<object?> { System.Numerics.BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), System.Numerics.BigInteger.MinusOne },
        };

        var back = TypeCodec.Deserialize(type, TypeCodec.Serialize(type, value));

        Assert.Equal(Normalize(value), Normalize(back));
    }

    private static string Normalize(object? value) => value switch
    {
        float[] floats => string.Join("|", floats.Select(f => f.ToString("R", CultureInfo.InvariantCulture))),
        System.Collections.IEnumerable items and not string => "[" + string.Join(",", items.Cast<object?>().Select(Normalize)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    [Fact]
    public void Wrong_counts_nulls_and_malformed_bytes_are_refused_with_the_type_named()
    {
        var floats = CqlType.Parse("vector<float, 3>");
        var texts = CqlType.Parse("vector<text, 2>");

        Assert.Contains("exactly 3 elements", Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(floats, new[] { 1f, 2f })).Message);
        Assert.Contains("null", Assert.Throws<CqlCodecException>(() => TypeCodec.Serialize(texts, new List<object?> { "a", null })).Message);
        Assert.Contains("12 bytes", Assert.Throws<CqlCodecException>(() => TypeCodec.Deserialize(floats, new byte[8])).Message);
        Assert.Contains("left over", Assert.Throws<CqlCodecException>(() => TypeCodec.Deserialize(texts, Convert.FromHexString("016101620000"))).Message);
        Assert.Contains("claims", Assert.Throws<CqlCodecException>(() => TypeCodec.Deserialize(texts, Convert.FromHexString("0161056263"))).Message);
    }
}
