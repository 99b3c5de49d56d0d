using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Numerics;
using System.Text.RegularExpressions;
using Synced.Cql.Types;

namespace Synced.Cql.Tests.Vectors;

/// <summary>Turns the value_text column of cql_types.tsv into .NET values, and the cql_type column into types.</summary>
public static class VectorValues
{
    /// <summary>Types as written in the file, including its "udt name&lt;field type,...&gt;" notation.</summary>
    public static CqlType ParseType(string text)
    {
        if (text.StartsWith("udt ", StringComparison.Ordinal))
        {
            var rest = text.Substring(4);
            var open = rest.IndexOf('<');
            var qualified = rest.Substring(0, open);
            var parts = qualified.Split('.');
            var keyspace = parts.Length == 2 ? parts[0] : null;
            var name = parts[^1];
            var fields = rest.Substring(open + 1, rest.Length - open - 2)
                .Split(',')
                .Select(f => f.Trim().Split(' '))
                .Select(f => new CqlUdtField(f[0], CqlType.Parse(f[1])))
                .ToList();
            return CqlType.Udt(keyspace, name, fields);
        }

        return CqlType.Parse(text);
    }

    public static bool IsDecodeOnly(string valueText) => valueText.Contains("decode-only", StringComparison.Ordinal);

    public static object? Parse(CqlType type, string valueText)
    {
        var text = valueText;
        switch (type.Code)
        {
            case CqlTypeCode.Varchar:
            case CqlTypeCode.Ascii:
                return text;
            case CqlTypeCode.Timestamp:
                return ParseTimestamp(text);
            case CqlTypeCode.Time:
            {
                var ns = Regex.Match(text, @"(-?\d+) ns");
                return new CqlTime(long.Parse(ns.Groups[1].Value, CultureInfo.InvariantCulture));
            }

            case CqlTypeCode.Duration:
            {
                var parts = Regex.Match(text, @"months=(-?\d+),days=(-?\d+),nanos=(-?\d+)");
                if (!parts.Success)
                {
                    throw new FormatException($"duration vector '{text}' lacks months=,days=,nanos=");
                }

                return new CqlDuration(
                    int.Parse(parts.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(parts.Groups[2].Value, CultureInfo.InvariantCulture),
                    long.Parse(parts.Groups[3].Value, CultureInfo.InvariantCulture));
            }
        }

        return ParseLiteral(type, StripRemark(text).Trim());
    }

    private static string StripRemark(string text)
    {
        var remark = text.IndexOf(" (", StringComparison.Ordinal);
        return remark >= 0 ? text.Substring(0, remark) : text;
    }

    private static object ParseTimestamp(string text)
    {
        var equals = text.IndexOf("' = ", StringComparison.Ordinal);
        if (equals >= 0)
        {
            return DateTimeOffset.Parse(text.AsSpan(equals + 4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        var value = StripRemark(text).Trim();
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            var raw = new CqlTimestamp(long.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return raw.FitsDateTimeOffset ? raw.ToDateTimeOffset() : raw;
        }

        if (value.EndsWith(" ms", StringComparison.Ordinal))
        {
            return new CqlTimestamp(long.Parse(value[..^3], CultureInfo.InvariantCulture)).ToDateTimeOffset();
        }

        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A CQL-like literal: numbers, 'strings', NULL, [lists], {sets/maps/udts}, (tuples).</summary>
    public static object? ParseLiteral(CqlType type, string text)
    {
        if (text == "NULL")
        {
            return null;
        }

        switch (type.Code)
        {
            case CqlTypeCode.Varchar:
            case CqlTypeCode.Ascii:
                return Unquote(text);
            case CqlTypeCode.Int: return int.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter: return long.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Smallint: return short.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Tinyint: return sbyte.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Varint: return BigInteger.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Decimal: return CqlDecimal.Parse(text);
            case CqlTypeCode.Float: return float.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Double: return double.Parse(text, CultureInfo.InvariantCulture);
            case CqlTypeCode.Boolean: return bool.Parse(text);
            case CqlTypeCode.Blob: return Convert.FromHexString(text.AsSpan(2));
            case CqlTypeCode.Inet: return IPAddress.Parse(text);
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid: return Guid.Parse(text);
            case CqlTypeCode.Date: return CqlDate.Parse(text);
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                return SplitTopLevel(text.Substring(1, text.Length - 2), ',')
                    .Select(e => ParseLiteral(type.ElementType, e)).ToList();
            case CqlTypeCode.Map:
                return SplitTopLevel(text.Substring(1, text.Length - 2), ',')
                    .Select(e => SplitTopLevel(e, ':'))
                    .Select(kv => new KeyValuePair<object?, object?>(ParseLiteral(type.KeyType, kv[0]), ParseLiteral(type.ValueType, kv[1])))
                    .ToList();
            case CqlTypeCode.Tuple:
                return SplitTopLevel(text.Substring(1, text.Length - 2), ',')
                    .Select((e, i) => ParseLiteral(type.Parameters[i], e)).ToArray();
            case CqlTypeCode.Udt:
            {
                var value = new CqlUdtValue(type);
                foreach (var field in SplitTopLevel(text.Substring(1, text.Length - 2), ','))
                {
                    var kv = SplitTopLevel(field, ':');
                    var index = type.IndexOfField(kv[0]);
                    value.SetValue(index, ParseLiteral(type.Fields[index].Type, kv[1]));
                }

                return value;
            }

            default:
                throw new NotSupportedException($"no literal parser for {type}");
        }
    }

    private static string Unquote(string text)
        => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text.Substring(1, text.Length - 2) : text;

    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '[' || c == '{' || c == '('))
            {
                depth++;
            }
            else if (!quoted && (c == ']' || c == '}' || c == ')'))
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == separator)
            {
                parts.Add(text.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }

        var last = text.Substring(start).Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }

        return parts;
    }
}
