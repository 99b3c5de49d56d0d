using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Values;
using Synced.Emulators.Tests.Vectors;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>
/// The emulator's value encoding and decoding of every CQL type against cql_types.tsv: a CQL literal of each
/// vector value, parsed and encoded the way the node encodes statement constants, gives the vector bytes; and the
/// vector bytes decode to a literal that encodes back to the same bytes.
/// </summary>
public sealed class TypeEncodingVectorTests
{
    public static IEnumerable<object[]> Vectors() => VectorFile.Data("cql_types.tsv");

    private static bool IsDecodeOnly(string valueText) => valueText.Contains("decode-only", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_literal_of_the_vector_value_encodes_to_the_vector_bytes(string typeText, string valueText, string hex)
    {
        if (IsDecodeOnly(valueText)) return; // nulls inside collections: no literal can write them (checked by decoding below)
        var type = TypeOf(typeText);
        if (type.Kind == TypeKind.Duration)
        {
            var (months, days, nanos) = DurationParts(valueText);
            Assert.Equal(hex, VectorFile.Hex(DurationValue.Encode(months, days, nanos)));
            if (nanos == long.MinValue) return; // |nanos| is beyond a long: no duration literal can write it
        }
        Assert.Equal(hex, VectorFile.Hex(LiteralCodec.EncodeText(LiteralOf(type, valueText), type)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_vector_bytes_decode_to_a_literal_of_the_same_value(string typeText, string valueText, string hex)
    {
        var type = TypeOf(typeText);
        var bytes = Convert.FromHexString(hex);
        var literal = ValueFormatter.Format(type, bytes);
        if (IsDecodeOnly(valueText))
        {
            Assert.Equal(Regex.Replace(StripRemark(valueText), @"\s+", " "), literal);
            return;
        }
        if (type.Kind == TypeKind.Duration && DurationParts(valueText).Nanos == long.MinValue)
        {
            Assert.Equal("-0mo0d9223372036854775808ns", literal);
            return;
        }
        Assert.Equal(hex, VectorFile.Hex(LiteralCodec.EncodeText(literal, type)));
        // Where the vector writes the value as CQL would, the decoded text is that text.
        if (type.Kind is TypeKind.Int or TypeKind.Bigint or TypeKind.Smallint or TypeKind.Tinyint or TypeKind.Varint or TypeKind.Boolean
            or TypeKind.Uuid or TypeKind.Timeuuid or TypeKind.Blob or TypeKind.Counter)
            Assert.Equal(StripRemark(valueText), literal);
    }

    [Fact]
    public void The_vectors_cover_every_native_type_and_every_kind_of_collection()
    {
        var kinds = VectorFile.Rows("cql_types.tsv").Select(r => TypeOf(r[0]).Kind).ToHashSet();
        var expected = Enum.GetValues<TypeKind>().Where(k => k is not (TypeKind.Custom or TypeKind.Vector));
        Assert.Empty(expected.Except(kinds));
    }

    private static ColumnType TypeOf(string text)
    {
        var keyspace = new KeyspaceSchema("ks", new Dictionary<string, string>(), true, KeyspaceSchema.NoTables, KeyspaceSchema.NoTypes, false);
        if (!text.StartsWith("udt ", StringComparison.Ordinal)) return TypeResolver.Resolve(CqlParser.ParseTypeText(text), keyspace);
        // "udt ks.name<field type,...>": a user type written out in the vector file's own notation.
        var m = Regex.Match(text, @"^udt (?:(?<ks>\w+)\.)?(?<name>\w+)<(?<fields>.*)>$");
        var fields = m.Groups["fields"].Value.Split(',').Select(f => f.Trim().Split(' ')).ToList();
        return ColumnType.UserType(m.Groups["ks"].Success ? m.Groups["ks"].Value : "ks", m.Groups["name"].Value,
            fields.Select(f => f[0]).ToList(), fields.Select(f => TypeResolver.Resolve(CqlParser.ParseTypeText(f[1]), keyspace)).ToList(), frozen: true);
    }

    private static string StripRemark(string text)
    {
        var remark = text.IndexOf(" (", StringComparison.Ordinal);
        return (remark >= 0 ? text.Substring(0, remark) : text).Trim();
    }

    private static (int Months, int Days, long Nanos) DurationParts(string text)
    {
        var m = Regex.Match(text, @"months=(-?\d+),days=(-?\d+),nanos=(-?\d+)");
        Assert.True(m.Success, $"duration vector '{text}' lacks months=,days=,nanos=");
        return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The vector value as a CQL literal of its type.</summary>
    private static string LiteralOf(ColumnType type, string valueText)
    {
        switch (type.Kind)
        {
            case TypeKind.Text:
            case TypeKind.Ascii:
                return "'" + valueText.Replace("'", "''", StringComparison.Ordinal) + "'";
            case TypeKind.Inet:
            case TypeKind.Date:
                return "'" + StripRemark(valueText) + "'";
            case TypeKind.Time:
                return Regex.Match(valueText, @"(-?\d+) ns").Groups[1].Value;
            case TypeKind.Timestamp:
            {
                var millis = Regex.Match(valueText, @"(-?\d+) ms");
                if (millis.Success) return millis.Groups[1].Value;
                var value = StripRemark(valueText);
                if (value.StartsWith("0x", StringComparison.Ordinal)) return long.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                var equals = valueText.IndexOf("' = ", StringComparison.Ordinal);
                return "'" + (equals >= 0 ? valueText.Substring(equals + 4) : value) + "'";
            }
            case TypeKind.Duration:
            {
                var (months, days, nanos) = DurationParts(valueText);
                var sign = months < 0 || days < 0 || nanos < 0 ? "-" : "";
                return $"{sign}{Math.Abs((long)months)}mo{Math.Abs((long)days)}d{Math.Abs(nanos)}ns";
            }
            default:
                return StripRemark(valueText);
        }
    }
}
