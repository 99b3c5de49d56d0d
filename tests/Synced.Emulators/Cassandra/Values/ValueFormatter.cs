using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// Decodes serialized values (protocol v4 forms) into CQL literal text the node's own parser reads back into the
/// same bytes: numbers, quoted strings, 0x blobs, UUIDs, quoted dates and times, duration literals, and
/// [list], {set}, {key: value}, (tuple), {field: value} collections. A null element reads as NULL.
/// </summary>
internal static class ValueFormatter
{
    public static string Format(ColumnType type, byte[]? value) => value is null ? "NULL" : Format(type, (ReadOnlySpan<byte>)value);

    public static string Format(ColumnType type, ReadOnlySpan<byte> v)
    {
        if (v.Length == 0 && type.Kind is not (TypeKind.Text or TypeKind.Ascii or TypeKind.Blob or TypeKind.Tuple or TypeKind.Udt))
            return "''";
        switch (type.Kind)
        {
            case TypeKind.Ascii:
            case TypeKind.Text:
                return "'" + Encoding.UTF8.GetString(v).Replace("'", "''", StringComparison.Ordinal) + "'";
            case TypeKind.Bigint:
            case TypeKind.Counter:
                return Int64(v, 8).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Exactly(v, 4)).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Smallint:
                return BinaryPrimitives.ReadInt16BigEndian(Exactly(v, 2)).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Tinyint:
                return ((sbyte)Exactly(v, 1)[0]).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Varint:
                return new BigInteger(v, isUnsigned: false, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Decimal:
                return DecimalValue.Format(v);
            case TypeKind.Boolean:
                return Exactly(v, 1)[0] != 0 ? "true" : "false";
            case TypeKind.Double:
                return FloatText(BitConverter.Int64BitsToDouble(Int64(v, 8)));
            case TypeKind.Float:
                return FloatText(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(Exactly(v, 4))));
            case TypeKind.Blob:
                return "0x" + Convert.ToHexString(v).ToLowerInvariant();
            case TypeKind.Uuid:
            case TypeKind.Timeuuid:
                return Uuids.Format(Exactly(v, 16));
            case TypeKind.Timestamp:
                return Int64(v, 8).ToString(CultureInfo.InvariantCulture);
            case TypeKind.Date:
                return "'" + DateValue.Format(Exactly(v, 4)) + "'";
            case TypeKind.Time:
                return "'" + TimeValue.Format(Exactly(v, 8)) + "'";
            case TypeKind.Inet:
                if (v.Length is not (4 or 16)) throw new FormatException($"An inet address has 4 or 16 bytes, not {v.Length}");
                return "'" + new IPAddress(v).ToString() + "'";
            case TypeKind.Duration:
                return DurationValue.Format(v);
            case TypeKind.List:
                return "[" + Items(type.Parameters[0], null, v, ", ") + "]";
            case TypeKind.Set:
                return "{" + Items(type.Parameters[0], null, v, ", ") + "}";
            case TypeKind.Map:
                return "{" + Items(type.Parameters[0], type.Parameters[1], v, ", ") + "}";
            case TypeKind.Vector:
                return "[" + string.Join(", ", VectorValues.Split(type, v.ToArray()).ConvertAll(e => Format(type.Parameters[0], e))) + "]";
            case TypeKind.Tuple:
            {
                var fields = CollectionValues.SplitFields(v.ToArray());
                var parts = new List<string>();
                for (var i = 0; i < fields.Count; i++) parts.Add(Format(type.Parameters[i], fields[i]));
                return "(" + string.Join(", ", parts) + ")";
            }
            case TypeKind.Udt:
            {
                var fields = CollectionValues.SplitFields(v.ToArray());
                var parts = new List<string>();
                for (var i = 0; i < fields.Count; i++) parts.Add(ColumnType.QuoteIfNeeded(type.FieldNames[i]) + ": " + Format(type.Parameters[i], fields[i]));
                return "{" + string.Join(", ", parts) + "}";
            }
            default:
                return "0x" + Convert.ToHexString(v).ToLowerInvariant();
        }
    }

    private static string Items(ColumnType elementType, ColumnType? valueType, ReadOnlySpan<byte> v, string separator)
    {
        var items = CollectionValues.Split(v.ToArray(), valueType is not null);
        var parts = new List<string>();
        for (var i = 0; i < items.Count; i += valueType is null ? 1 : 2)
            parts.Add(valueType is null ? Format(elementType, items[i]) : Format(elementType, items[i]) + ": " + Format(valueType, items[i + 1]));
        return string.Join(separator, parts);
    }

    private static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> v, int length)
        => v.Length == length ? v : throw new FormatException($"Expected {length} bytes, not {v.Length}");

    private static long Int64(ReadOnlySpan<byte> v, int length) => BinaryPrimitives.ReadInt64BigEndian(Exactly(v, length));

    private static string FloatText(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // A CQL float literal needs a fraction or an exponent, else it lexes as an integer.
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string FloatText(float f)
    {
        if (float.IsNaN(f)) return "NaN";
        if (float.IsPositiveInfinity(f)) return "Infinity";
        if (float.IsNegativeInfinity(f)) return "-Infinity";
        var text = f.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
