using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Synced.Core.Time;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Converts an entry value (a JSON form from Elasticsearch, or a typed form from Cassandra) into the .NET value
/// Synced.Cql writes for a column's CQL type, exactly or not at all: a value the type cannot hold (out of range,
/// lost digits, malformed text, wrong shape) throws <see cref="CqlValueConversionException"/> naming the type.
/// </summary>
/// <remarks>
/// Text forms follow docs/design.md §3: uuid / timeuuid / inet / decimal / varint / date / time / duration as their
/// CQL literals, timestamp as ISO 8601 (or epoch milliseconds), blob as base64; collections come as JSON arrays,
/// maps and user-defined types as JSON objects (map keys as text in the key's form), tuples as arrays. A text
/// column takes any scalar as its invariant text and an object or array as its JSON text, which is how an
/// Elasticsearch <c>object</c> field lands in the <c>text</c> column <see cref="CassandraStore.CreateTableAsync"/> gives it.
/// </remarks>
internal static class CqlValueWriter
{
    // An inet given as text must look like an address (a bare number would parse as one in IPAddress.TryParse).
    private static readonly char[] AddressSeparators = ['.', ':'];

    /// <summary>The value to bind for a column of <paramref name="type"/>; null stays null.</summary>
    public static object? Convert(CqlType type, object? value)
    {
        if (value is null) return null;
        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
            {
                var text = ToText(type, value);
                foreach (var c in text)
                    if (c > 0x7F) throw Fail(type, value, $"it holds the non-ASCII character U+{(int)c:X4}");
                return text;
            }
            case CqlTypeCode.Varchar:
                return ToText(type, value);
            case CqlTypeCode.Boolean:
                if (value is bool flag) return flag;
                if (value is string b && bool.TryParse(b.Trim(), out var parsed)) return parsed;
                throw Fail(type, value, "it is no boolean");
            case CqlTypeCode.Tinyint:
                return (sbyte)ToInteger(type, value, sbyte.MinValue, sbyte.MaxValue);
            case CqlTypeCode.Smallint:
                return (short)ToInteger(type, value, short.MinValue, short.MaxValue);
            case CqlTypeCode.Int:
                return (int)ToInteger(type, value, int.MinValue, int.MaxValue);
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                return (long)ToInteger(type, value, long.MinValue, long.MaxValue);
            case CqlTypeCode.Varint:
                return ToBigInteger(type, value);
            case CqlTypeCode.Float:
                return ToSingle(type, value);
            case CqlTypeCode.Double:
                return ToDouble(type, value);
            case CqlTypeCode.Decimal:
                return ToDecimal(type, value);
            case CqlTypeCode.Uuid:
                return ToGuid(type, value);
            case CqlTypeCode.Timeuuid:
            {
                var guid = ToGuid(type, value);
                if (TimeUuid.GetVersion(guid) != 1) throw Fail(type, value, $"it is a version {TimeUuid.GetVersion(guid)} UUID, not a time-based (version 1) one");
                return guid;
            }
            case CqlTypeCode.Timestamp:
                return ToTimestamp(type, value);
            case CqlTypeCode.Date:
                return ToDate(type, value);
            case CqlTypeCode.Time:
                return ToTime(type, value);
            case CqlTypeCode.Duration:
                return ToDuration(type, value);
            case CqlTypeCode.Inet:
                if (value is IPAddress address) return address;
                if (value is string ip && IPAddress.TryParse(ip.Trim(), out var parsedAddress) && ip.Trim().IndexOfAny(AddressSeparators) >= 0) return parsedAddress;
                throw Fail(type, value, "it is no IPv4 or IPv6 address");
            case CqlTypeCode.Blob:
            case CqlTypeCode.Custom:
                if (value is byte[] bytes) return bytes;
                if (value is ReadOnlyMemory<byte> memory) return memory.ToArray();
                if (value is string base64)
                {
                    try
                    {
                        return System.Convert.FromBase64String(base64);
                    }
                    catch (FormatException)
                    {
                        throw Fail(type, value, "it is not base64");
                    }
                }
                throw Fail(type, value, "a blob takes bytes or base64 text");
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                return ToCollection(type, value);
            case CqlTypeCode.Map:
                return ToMap(type, value);
            case CqlTypeCode.Tuple:
                return ToTuple(type, value);
            case CqlTypeCode.Udt:
                return ToUdt(type, value);
            case CqlTypeCode.Vector:
                return ToVector(type, value);
            default:
                throw Fail(type, value, "Synced has no conversion for this type");
        }
    }

    private static CqlValueConversionException Fail(CqlType type, object? value, string reason)
        => new($"{Describe(value)} cannot be held by {type}: {reason}");

    /// <summary>A short view of a value for messages (never more than 60 characters).</summary>
    internal static string Describe(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => "'" + s + "'",
            byte[] b => $"{b.Length} bytes",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IDictionary or IEnumerable<KeyValuePair<string, object?>> => "an object",
            IEnumerable => "an array",
            _ => value.ToString() ?? value.GetType().Name,
        };
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    private static string ToText(CqlType type, object value)
    {
        switch (value)
        {
            case string text: return text;
            case bool flag: return flag ? "true" : "false";
            case Guid guid: return guid.ToString("D");
            case DateTimeOffset moment: return UtcTime.FormatMilliseconds(moment.UtcDateTime);
            case DateTime instant: return UtcTime.FormatMilliseconds(instant);
            case byte[] bytes: return System.Convert.ToBase64String(bytes);
            case double real: return real.ToString("R", CultureInfo.InvariantCulture);
            case float single: return single.ToString("R", CultureInfo.InvariantCulture);
            case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IPAddress address: return address.ToString();
            case IDictionary:
            case IEnumerable<KeyValuePair<string, object?>>:
            case IEnumerable:
                return ToJson(value);
            default:
                return value.ToString() ?? throw Fail(type, value, "it has no text form");
        }
    }

    /// <summary>JSON text of an object or array (how an Elasticsearch object lands in a text column).</summary>
    private static string ToJson(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Elasticsearch.JsonValueConverter.Write(writer, value, null, "value");
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static BigInteger ToInteger(CqlType type, object value, long min, long max)
    {
        var number = ToBigInteger(type, value);
        if (number < min || number > max) throw Fail(type, value, $"it is outside {min}..{max}");
        return number;
    }

    private static BigInteger ToBigInteger(CqlType type, object value)
    {
        switch (value)
        {
            case sbyte v: return v;
            case byte v: return v;
            case short v: return v;
            case ushort v: return v;
            case int v: return v;
            case uint v: return v;
            case long v: return v;
            case ulong v: return v;
            case BigInteger v: return v;
            case decimal v when v == decimal.Truncate(v): return new BigInteger(v);
            case CqlDecimal v when v.Scale <= 0 || v.Unscaled % BigInteger.Pow(10, v.Scale) == 0:
                return v.Scale <= 0 ? v.Unscaled * BigInteger.Pow(10, -v.Scale) : v.Unscaled / BigInteger.Pow(10, v.Scale);
            // A whole number written as a double (1e16, 1.0E10, 2.5e2): the value of its digits as written, as for
            // any other JSON number; a fraction is no integer.
            case double v when !double.IsNaN(v) && !double.IsInfinity(v) && Math.Floor(v) == v:
                return ToBigInteger(type, CqlDecimal.Parse(v.ToString("R", CultureInfo.InvariantCulture)));
            case float v when !float.IsNaN(v) && !float.IsInfinity(v) && Math.Floor(v) == v:
                return ToBigInteger(type, CqlDecimal.Parse(v.ToString("R", CultureInfo.InvariantCulture)));
            case string text:
                var trimmed = text.Trim();
                if (BigInteger.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
                if (CqlDecimal.TryParse(trimmed, out var exact)) return ToBigInteger(type, exact);
                throw Fail(type, value, "it is no integer");
            default:
                throw Fail(type, value, "it is no whole number");
        }
    }

    /// <summary>
    /// A double column holds what an Elasticsearch <c>double</c> field holds: the nearest double to the number as
    /// written (Double.parseDouble of its text), whatever form a writer chose. JavaScript writes whole doubles below
    /// 1e21 as plain digits (2^60 as 1152921504606847000), which no double holds exactly but whose nearest double is
    /// the value the writer had; only a number beyond a double's range is refused.
    /// </summary>
    private static double ToDouble(CqlType type, object value)
    {
        switch (value)
        {
            case double v: return v;
            case float v: return v;
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger:
                return ParseDouble(type, value, ToBigInteger(type, value).ToString(CultureInfo.InvariantCulture));
            case decimal v: return ParseDouble(type, value, v.ToString(CultureInfo.InvariantCulture));
            case CqlDecimal v: return ParseDouble(type, value, v.ToString());
            case string text: return ParseDouble(type, value, text.Trim());
            default: throw Fail(type, value, "it is no number");
        }
    }

    private static double ParseDouble(CqlType type, object value, string text)
    {
        switch (text)
        {
            case "NaN": return double.NaN;
            case "Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) throw Fail(type, value, "it is no number");
        if (double.IsInfinity(real)) throw Fail(type, value, "it exceeds the range of a double");
        return real;
    }

    /// <summary>
    /// A float column holds what an Elasticsearch <c>float</c> field holds: the nearest float to the number (text
    /// is read as Float.parseFloat reads it; a JSON number through its double, as the JSON parser hands it over).
    /// Only a number beyond a float's range is refused.
    /// </summary>
    private static float ToSingle(CqlType type, object value)
    {
        if (value is float single) return single;
        float narrowed;
        if (value is string text)
        {
            var trimmed = text.Trim();
            if (trimmed is "NaN") return float.NaN;
            if (trimmed is "Infinity") return float.PositiveInfinity;
            if (trimmed is "-Infinity") return float.NegativeInfinity;
            if (!float.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out narrowed)) throw Fail(type, value, "it is no number");
        }
        else
        {
            var real = ToDouble(type, value);
            if (double.IsNaN(real)) return float.NaN;
            if (double.IsInfinity(real)) return real > 0 ? float.PositiveInfinity : float.NegativeInfinity;
            narrowed = (float)real;
        }
        if (float.IsInfinity(narrowed)) throw Fail(type, value, "it exceeds the range of a float");
        return narrowed;
    }

    private static CqlDecimal ToDecimal(CqlType type, object value)
    {
        switch (value)
        {
            case CqlDecimal v: return v;
            case decimal v: return CqlDecimal.FromDecimal(v);
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger:
                return new CqlDecimal(ToBigInteger(type, value), 0);
            case double v when !double.IsNaN(v) && !double.IsInfinity(v):
                return CqlDecimal.Parse(v.ToString("R", CultureInfo.InvariantCulture));
            case float v when !float.IsNaN(v) && !float.IsInfinity(v):
                return CqlDecimal.Parse(v.ToString("R", CultureInfo.InvariantCulture));
            case string text when CqlDecimal.TryParse(text.Trim(), out var parsed):
                return parsed;
            default:
                throw Fail(type, value, "it is no finite decimal number");
        }
    }

    private static Guid ToGuid(CqlType type, object value)
    {
        if (value is Guid guid) return guid;
        if (value is string text && Guid.TryParseExact(text.Trim(), "D", out var parsed)) return parsed;
        throw Fail(type, value, "it is no UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
    }

    private static object ToTimestamp(CqlType type, object value)
    {
        long milliseconds;
        switch (value)
        {
            case DateTimeOffset moment:
                return WholeMilliseconds(type, value, moment);
            case DateTime instant:
                return WholeMilliseconds(type, value, new DateTimeOffset(UtcTime.Normalize(instant)));
            case CqlTimestamp raw:
                return raw.FitsDateTimeOffset ? raw.ToDateTimeOffset() : raw;
            case sbyte or byte or short or ushort or int or uint or long:
                milliseconds = (long)ToInteger(type, value, long.MinValue, long.MaxValue);
                break;
            case string text:
            {
                var trimmed = text.Trim();
                if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds)) break;
                if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    return WholeMilliseconds(type, value, parsed);
                throw Fail(type, value, "it is no ISO 8601 time or epoch milliseconds");
            }
            default:
                throw Fail(type, value, "it is no time");
        }
        var timestamp = new CqlTimestamp(milliseconds);
        return timestamp.FitsDateTimeOffset ? timestamp.ToDateTimeOffset() : timestamp;
    }

    private static DateTimeOffset WholeMilliseconds(CqlType type, object value, DateTimeOffset moment)
    {
        if (moment.UtcTicks % TimeSpan.TicksPerMillisecond != 0) throw Fail(type, value, "a timestamp keeps milliseconds; this has a finer part");
        return moment.ToUniversalTime();
    }

    private static CqlDate ToDate(CqlType type, object value)
    {
        switch (value)
        {
            case CqlDate date:
                return date;
            case DateTime instant when instant.TimeOfDay == TimeSpan.Zero:
                return CqlDate.FromDateTime(instant);
            case DateTimeOffset moment when moment.UtcDateTime.TimeOfDay == TimeSpan.Zero:
                return CqlDate.FromDateTime(moment.UtcDateTime);
            case string text:
            {
                var trimmed = text.Trim();
                try
                {
                    if (trimmed.IndexOf('T') < 0) return CqlDate.Parse(trimmed);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    throw Fail(type, value, ex.Message);
                }
                if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    && parsed.UtcDateTime.TimeOfDay == TimeSpan.Zero)
                    return CqlDate.FromDateTime(parsed.UtcDateTime);
                throw Fail(type, value, "it is no date (yyyy-MM-dd, or midnight UTC)");
            }
            case long or int:
            {
                // Epoch milliseconds, as an Elasticsearch date may hold them.
                var ms = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (ms % TimeSpan.FromDays(1).TotalMilliseconds != 0) throw Fail(type, value, "epoch milliseconds of a date must be a midnight");
                return CqlDate.FromDaysSinceEpoch(ms / 86_400_000L);
            }
            default:
                throw Fail(type, value, "it is no date");
        }
    }

    private static CqlTime ToTime(CqlType type, object value)
    {
        try
        {
            switch (value)
            {
                case CqlTime time: return time;
                case TimeSpan span: return CqlTime.FromTimeSpan(span);
                case long nanoseconds: return new CqlTime(nanoseconds);
                case string text: return CqlTime.Parse(text);
                default: throw Fail(type, value, "it is no time of day");
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Fail(type, value, ex.Message);
        }
    }

    private static CqlDuration ToDuration(CqlType type, object value)
    {
        try
        {
            switch (value)
            {
                case CqlDuration duration: return duration;
                case TimeSpan span: return CqlDuration.FromTimeSpan(span);
                case string text: return CqlDuration.Parse(text.Trim());
                default: throw Fail(type, value, "it is no duration");
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw Fail(type, value, ex.Message);
        }
    }

    private static List<object?> ToCollection(CqlType type, object value)
    {
        if (value is List<object?> given)
        {
            // The usual form (what both stores read): by index, no enumerator.
            var converted = new List<object?>(given.Count);
            for (var i = 0; i < given.Count; i++)
            {
                var item = given[i] ?? throw Fail(type, value, $"element {i} is null; a collection cannot hold null");
                converted.Add(Nested(type, $"element {i}", type.ElementType, item));
            }
            return converted;
        }
        var items = AsArray(value) ?? throw Fail(type, value, "a list or set takes an array");
        var list = new List<object?>();
        var index = 0;
        foreach (var item in items)
        {
            if (item is null) throw Fail(type, value, $"element {index} is null; a collection cannot hold null");
            list.Add(Nested(type, $"element {index}", type.ElementType, item));
            index++;
        }
        return list;
    }

    /// <summary>A vector: an array of exactly <see cref="CqlType.Dimensions"/> non-null elements (an Elasticsearch dense_vector's form).</summary>
    private static List<object?> ToVector(CqlType type, object value)
    {
        var items = AsArray(value) ?? throw Fail(type, value, "a vector takes an array");
        var list = new List<object?>(type.Dimensions);
        foreach (var item in items)
        {
            if (item is null) throw Fail(type, value, $"element {list.Count} is null; a vector holds no null elements");
            list.Add(Nested(type, $"element {list.Count}", type.ElementType, item));
        }
        if (list.Count != type.Dimensions) throw Fail(type, value, $"it has {list.Count} elements; the vector has exactly {type.Dimensions}");
        return list;
    }

    /// <summary>The elements of a value that is an array (a JSON array, a list, a set); null for text, bytes, objects and scalars.</summary>
    private static IEnumerable? AsArray(object value)
        => value is string or byte[] or IDictionary or IEnumerable<KeyValuePair<string, object?>> ? null : value as IEnumerable;

    private static List<KeyValuePair<object?, object?>> ToMap(CqlType type, object value)
    {
        var pairs = new List<KeyValuePair<object?, object?>>();
        void Add(object? key, object? item)
        {
            if (key is null) throw Fail(type, value, "a map key is null");
            if (item is null) throw Fail(type, value, $"the value of key {Describe(key)} is null; a map cannot hold null");
            pairs.Add(new KeyValuePair<object?, object?>(
                Nested(type, $"key {Describe(key)}", type.KeyType, key),
                Nested(type, $"the value of key {Describe(key)}", type.ValueType, item)));
        }
        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) Add(entry.Key, entry.Value);
                return pairs;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                foreach (var field in fields) Add(field.Key, field.Value);
                return pairs;
            case IEnumerable<KeyValuePair<object?, object?>> entries:
                foreach (var entry in entries) Add(entry.Key, entry.Value);
                return pairs;
            default:
                throw Fail(type, value, "a map takes an object");
        }
    }

    private static object?[] ToTuple(CqlType type, object value)
    {
        if (value is string || value is byte[] || value is not IList items) throw Fail(type, value, "a tuple takes an array");
        if (items.Count != type.Parameters.Count)
            throw Fail(type, value, $"it has {items.Count} components; the tuple has {type.Parameters.Count}");
        var tuple = new object?[items.Count];
        for (var i = 0; i < tuple.Length; i++)
            tuple[i] = items[i] is null ? null : Nested(type, $"component {i}", type.Parameters[i], items[i]);
        return tuple;
    }

    private static CqlUdtValue ToUdt(CqlType type, object value)
    {
        var udt = new CqlUdtValue(type);
        void Set(string name, object? item)
        {
            var index = type.IndexOfField(name);
            if (index < 0) throw Fail(type, value, $"the type has no field '{name}'");
            udt.SetValue(index, item is null ? null : Nested(type, $"field '{name}'", type.Fields[index].Type, item));
        }
        switch (value)
        {
            case CqlUdtValue given:
                foreach (var field in given) Set(field.Key, field.Value);
                return udt;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                foreach (var field in fields) Set(field.Key, field.Value);
                return udt;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) Set(entry.Key as string ?? System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!, entry.Value);
                return udt;
            default:
                throw Fail(type, value, "a user-defined type takes an object");
        }
    }

    /// <summary>Converts a part of a collection, tuple or UDT, saying which part failed.</summary>
    private static object? Nested(CqlType outer, string part, CqlType type, object item)
    {
        try
        {
            return Convert(type, item);
        }
        catch (CqlValueConversionException ex)
        {
            throw new CqlValueConversionException($"{part} of {outer}: {ex.Message}", ex);
        }
    }
}
