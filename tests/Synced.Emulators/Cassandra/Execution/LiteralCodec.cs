using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Values;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Turns CQL constants (as written in statement text) into serialized values of a receiver type.</summary>
internal static class LiteralCodec
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The serialized value of a CQL term written as text (a literal, collection, tuple or UDT literal).</summary>
    public static byte[]? EncodeText(string term, ColumnType type)
        => TermEvaluator.Evaluate(CqlParser.ParseTermText(term), type, "value", new StatementContext(null, Array.Empty<byte[]?>(), CassandraNode.NowInSeconds()));

    public static byte[]? Encode(LiteralTerm literal, ColumnType type, string receiver)
    {
        if (literal.Kind == LiteralKind.Null) return null;
        try
        {
            var encoded = TryEncode(literal, type);
            if (encoded is not null) return encoded;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CqlInvalidException($"Invalid {KindName(literal)} constant ({literal.Text}) for \"{receiver}\" of type {type.ToCqlText()}: {ex.Message}");
        }
        catch (OverflowException)
        {
            throw new CqlInvalidException($"Invalid {KindName(literal)} constant ({literal.Text}) for \"{receiver}\" of type {type.ToCqlText()}: out of range");
        }
        throw new CqlInvalidException($"Invalid {KindName(literal)} constant ({literal.Text}) for \"{receiver}\" of type {type.ToCqlText()}");
    }

    private static string KindName(LiteralTerm literal) => literal.Kind switch
    {
        LiteralKind.String => "STRING",
        LiteralKind.Integer => "INTEGER",
        LiteralKind.Float or LiteralKind.SpecialFloat => "FLOAT",
        LiteralKind.Boolean => "BOOLEAN",
        LiteralKind.Uuid => "UUID",
        LiteralKind.Hex => "HEX",
        LiteralKind.Duration => "DURATION",
        _ => "NULL",
    };

    private static byte[]? TryEncode(LiteralTerm literal, ColumnType type)
    {
        var text = literal.Text;
        var kind = literal.Kind;
        switch (type.Kind)
        {
            case TypeKind.Text:
                return kind == LiteralKind.String ? Encoding.UTF8.GetBytes(text) : null;
            case TypeKind.Ascii:
                if (kind != LiteralKind.String) return null;
                foreach (var ch in text) if (ch > 127) throw new FormatException("Invalid ASCII character in string literal");
                return Encoding.ASCII.GetBytes(text);
            case TypeKind.Bigint:
            case TypeKind.Counter:
                return kind == LiteralKind.Integer ? Int64(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)) : null;
            case TypeKind.Int:
                return kind == LiteralKind.Integer ? Int32(int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)) : null;
            case TypeKind.Smallint:
                if (kind != LiteralKind.Integer) return null;
                var s = new byte[2];
                BinaryPrimitives.WriteInt16BigEndian(s, short.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                return s;
            case TypeKind.Tinyint:
                return kind == LiteralKind.Integer ? new[] { (byte)sbyte.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) } : null;
            case TypeKind.Varint:
                return kind == LiteralKind.Integer ? BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToByteArray(isUnsigned: false, isBigEndian: true) : null;
            case TypeKind.Decimal:
                return kind is LiteralKind.Integer or LiteralKind.Float ? DecimalValue.Parse(text) : null;
            case TypeKind.Double:
                if (kind is not (LiteralKind.Integer or LiteralKind.Float or LiteralKind.SpecialFloat)) return null;
                return Int64(BitConverter.DoubleToInt64Bits(ParseDouble(text)));
            case TypeKind.Float:
                if (kind is not (LiteralKind.Integer or LiteralKind.Float or LiteralKind.SpecialFloat)) return null;
                return Int32(BitConverter.SingleToInt32Bits((float)ParseDouble(text)));
            case TypeKind.Boolean:
                return kind == LiteralKind.Boolean ? new[] { (byte)(text == "true" ? 1 : 0) } : null;
            case TypeKind.Uuid:
            case TypeKind.Timeuuid:
                if (kind != LiteralKind.Uuid && kind != LiteralKind.String) return null;
                var uuid = UuidBytes(text);
                if (type.Kind == TypeKind.Timeuuid && (uuid[6] >> 4) != 1) throw new FormatException("Unsupported UUID type for timeuuid (version 1 required)");
                return uuid;
            case TypeKind.Blob:
                if (kind != LiteralKind.Hex) return null;
                if (text.Length % 2 != 0) throw new FormatException("hex string of odd length");
                return Convert.FromHexString(text);
            case TypeKind.Timestamp:
                if (kind == LiteralKind.Integer) return Int64(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                return kind == LiteralKind.String ? Int64(ParseTimestamp(text)) : null;
            case TypeKind.Date:
                if (kind == LiteralKind.Integer) return Int32(unchecked((int)uint.Parse(text, CultureInfo.InvariantCulture)));
                return kind == LiteralKind.String ? DateValue.Parse(text) : null;
            case TypeKind.Time:
                if (kind == LiteralKind.Integer) return TimeValue.FromNanos(long.Parse(text, CultureInfo.InvariantCulture));
                return kind == LiteralKind.String ? TimeValue.Parse(text) : null;
            case TypeKind.Inet:
                return kind == LiteralKind.String ? IPAddress.Parse(text).GetAddressBytes() : null;
            case TypeKind.Duration:
                return kind is LiteralKind.Duration or LiteralKind.String ? DurationValue.Parse(text) : null;
            default:
                return null;
        }
    }

    public static byte[] Int64(long v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, v);
        return b;
    }

    public static byte[] Int32(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" or "-NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static byte[] UuidBytes(string text) => Uuids.Parse(text);

    private static readonly Regex TimestampPattern = new(
        @"^(?<y>[+-]?\d{4,})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[ T](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)?)?\s*(?<z>Z|[+-]\d{2}:?\d{2})?$",
        RegexOptions.CultureInvariant);

    /// <summary>Milliseconds since the epoch from the date/time formats Cassandra accepts; no zone means UTC.</summary>
    public static long ParseTimestamp(string text)
    {
        var m = TimestampPattern.Match(text.Trim());
        if (!m.Success)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)) return millis;
            throw new FormatException($"Unable to coerce '{text}' to a formatted date (long)");
        }
        var dt = new DateTime(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), 0, 0, 0, DateTimeKind.Utc);
        var result = (long)(dt - Epoch).TotalMilliseconds;
        if (m.Groups["h"].Success) result += int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) * 3_600_000L + int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture) * 60_000L;
        if (m.Groups["s"].Success) result += int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) * 1000L;
        if (m.Groups["f"].Success) result += long.Parse(m.Groups["f"].Value.PadRight(9, '0').AsSpan(0, 3), CultureInfo.InvariantCulture);
        if (m.Groups["z"].Success && m.Groups["z"].Value != "Z")
        {
            var z = m.Groups["z"].Value.Replace(":", "");
            var offset = int.Parse(z.AsSpan(1, 2), CultureInfo.InvariantCulture) * 60 + int.Parse(z.AsSpan(3, 2), CultureInfo.InvariantCulture);
            result -= (z[0] == '-' ? -offset : offset) * 60_000L;
        }
        return result;
    }
}
