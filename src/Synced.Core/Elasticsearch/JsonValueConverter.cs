using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Converts entry values to their JSON form (docs/design.md §3, Values) and JSON back to plain .NET values, never losing
/// digits: decimals and integers beyond a long travel as strings where the field is a keyword (or unmapped), and
/// JSON numbers are read into long, <see cref="BigInteger"/>, <see cref="decimal"/> or double, whichever holds the
/// literal exactly (a literal none holds stays a string).
/// </summary>
internal static class JsonValueConverter
{
    private static readonly BigInteger DecimalMantissaLimit = BigInteger.Pow(2, 96);
    private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };
    private static readonly char[] Exponent = { 'e', 'E' };

    private static bool TryWriteJsonText(Utf8JsonWriter writer, string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '[')) return false;
        try
        {
            using var document = JsonDocument.Parse(text);
            document.RootElement.WriteTo(writer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteInstant(Utf8JsonWriter writer, DateTime instant)
    {
        Span<byte> text = stackalloc byte[ElasticsearchDate.MillisecondsLength];
        writer.WriteStringValue(ElasticsearchDate.FormatMilliseconds(instant, text));
    }

    /// <summary>
    /// Writes <paramref name="value"/> in its JSON form for a field of Elasticsearch type <paramref name="fieldType"/>
    /// (null when the field is not mapped). Throws <see cref="ValueConversionException"/> when it has none.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, object? value, ElasticsearchFieldType? fieldType, string fieldName)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text when fieldType is { HoldsObjects: true } && TryWriteJsonText(writer, text):
                // An object that a store without an object type kept as its JSON text (e.g. a Cassandra text
                // column made by -CreateMissing from this mapping) goes back as the object it was.
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case sbyte v: writer.WriteNumberValue(v); return;
            case byte v: writer.WriteNumberValue(v); return;
            case short v: writer.WriteNumberValue(v); return;
            case ushort v: writer.WriteNumberValue(v); return;
            case int v: writer.WriteNumberValue(v); return;
            case uint v: writer.WriteNumberValue(v); return;
            case long v: writer.WriteNumberValue(v); return;
            case ulong v: writer.WriteNumberValue(v); return;
            case BigInteger big:
                WriteBigInteger(writer, big, fieldType, fieldName);
                return;
            case decimal number:
                var digits = number.ToString(CultureInfo.InvariantCulture);
                if (fieldType is { IsNumber: true }) writer.WriteRawValue(digits, skipInputValidation: true);
                else writer.WriteStringValue(digits);
                return;
            case float single:
                if (float.IsNaN(single) || float.IsInfinity(single))
                    throw new ValueConversionException($"field '{fieldName}': {single.ToString(CultureInfo.InvariantCulture)} has no JSON form (JSON numbers are finite)");
                writer.WriteNumberValue(single);
                return;
            case double real:
                if (double.IsNaN(real) || double.IsInfinity(real))
                    throw new ValueConversionException($"field '{fieldName}': {real.ToString(CultureInfo.InvariantCulture)} has no JSON form (JSON numbers are finite)");
                writer.WriteNumberValue(real);
                return;
            case Guid guid:
                writer.WriteStringValue(guid);
                return;
            case DateTimeOffset moment:
                WriteInstant(writer, moment.UtcDateTime);
                return;
            case DateTime instant:
                WriteInstant(writer, instant);
                return;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                return;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                return;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBase64StringValue(memory.Span);
                return;
            case IPAddress address:
                writer.WriteStringValue(address.ToString());
                return;
            case List<object?> list:
                // The usual array (what both stores read): by index, no enumerator; the elements share the field's mapping.
                writer.WriteStartArray();
                for (var i = 0; i < list.Count; i++) Write(writer, list[i], fieldType, fieldName);
                writer.WriteEndArray();
                return;
            case Dictionary<string, object?> fields:
                writer.WriteStartObject();
                foreach (var pair in fields)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value, null, fieldName + "." + pair.Key);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                writer.WriteStartObject();
                foreach (var pair in fields)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value, null, fieldName + "." + pair.Key);
                }
                writer.WriteEndObject();
                return;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry pair in map)
                {
                    var key = KeyText(pair.Key, fieldName);
                    writer.WritePropertyName(key);
                    Write(writer, pair.Value, null, fieldName + "." + key);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable items:
                // list, set, tuple (object?[]): the elements of a list share the field's mapping.
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item, value is object?[] ? null : fieldType, fieldName);
                writer.WriteEndArray();
                return;
            case IFormattable formattable:
                // Synced.Cql's date, time, duration and exact decimal values: their invariant text is the CQL literal.
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                var textForm = value.ToString() ?? throw new ValueConversionException($"field '{fieldName}': a {value.GetType().Name} value has no JSON form");
                writer.WriteStringValue(textForm);
                return;
        }
    }

    private static void WriteBigInteger(Utf8JsonWriter writer, BigInteger big, ElasticsearchFieldType? fieldType, string fieldName)
    {
        var digits = big.ToString(CultureInfo.InvariantCulture);
        var fitsLong = big >= long.MinValue && big <= long.MaxValue;
        if (fieldType == ElasticsearchFieldType.Long && !fitsLong)
            throw new ValueConversionException($"field '{fieldName}': {digits} exceeds the range of its long mapping");
        if (fieldType == ElasticsearchFieldType.UnsignedLong && (big.Sign < 0 || big > ulong.MaxValue))
            throw new ValueConversionException($"field '{fieldName}': {digits} exceeds the range of its unsigned_long mapping");
        if (fieldType is { IsNumber: true } || (fieldType is null && fitsLong)) writer.WriteRawValue(digits, skipInputValidation: true);
        else writer.WriteStringValue(digits);
    }

    private static string KeyText(object key, string fieldName)
    {
        switch (key)
        {
            case string text: return text;
            case Guid guid: return guid.ToString("D");
            case DateTimeOffset moment: return UtcTime.FormatMilliseconds(moment.UtcDateTime);
            case DateTime instant: return UtcTime.FormatMilliseconds(instant);
            case bool flag: return flag ? "true" : "false";
            case IPAddress address: return address.ToString();
            case byte[] bytes: return Convert.ToBase64String(bytes);
            case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return key.ToString() ?? throw new ValueConversionException($"field '{fieldName}': a map key of type {key.GetType().Name} has no text form");
        }
    }

    /// <summary>Reads a JSON value into its plain .NET form: string, bool, number, List, Dictionary or null.</summary>
    public static object? Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // An integer literal that fits a long is the common case: read without its text.
                return element.TryGetInt64(out var whole) ? whole : ReadNumber(element.GetRawText());
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) list.Add(Read(item));
                return list;
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) map[property.Name] = Read(property.Value);
                return map;
            default:
                return null;
        }
    }

    /// <summary>
    /// The exact value of a JSON number literal: long, else <see cref="BigInteger"/> for integers; decimal when it
    /// holds the literal's digits, else double when its shortest form is the literal, else the literal as a string.
    /// </summary>
    public static object ReadNumber(string literal)
    {
        if (literal.IndexOfAny(FractionOrExponent) < 0)
        {
            if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
            return BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (!TrySplit(literal, out var mantissa, out var scale)) return literal;
        if (scale >= 0 && scale <= 28 && BigInteger.Abs(mantissa) < DecimalMantissaLimit)
            return ToDecimal(mantissa, scale);

        if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real)
            && TrySplit(real.ToString("R", CultureInfo.InvariantCulture), out var realMantissa, out var realScale)
            && Normalize(realMantissa, realScale).Equals(Normalize(mantissa, scale)))
            return real;
        return literal;
    }

    /// <summary>Splits a number literal into an integer mantissa and a decimal scale (value = mantissa / 10^scale).</summary>
    private static bool TrySplit(string literal, out BigInteger mantissa, out int scale)
    {
        mantissa = BigInteger.Zero;
        scale = 0;
        var exponentAt = literal.IndexOfAny(Exponent);
        var significand = exponentAt < 0 ? literal : literal.Substring(0, exponentAt);
        var exponent = 0;
        if (exponentAt >= 0 && !int.TryParse(literal.Substring(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            return false;
        var dot = significand.IndexOf('.');
        var digits = dot < 0 ? significand : significand.Remove(dot, 1);
        var fraction = dot < 0 ? 0 : significand.Length - dot - 1;
        if (!BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out mantissa)) return false;
        var newScale = (long)fraction - exponent;
        if (newScale < 0)
        {
            if (newScale < -400) return false;
            mantissa *= BigInteger.Pow(10, (int)-newScale);
            newScale = 0;
        }
        if (newScale > 400) return false;
        scale = (int)newScale;
        return true;
    }

    private static (BigInteger, int) Normalize(BigInteger mantissa, int scale)
    {
        if (mantissa.IsZero) return (mantissa, 0);
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        return (mantissa, scale);
    }

    private static decimal ToDecimal(BigInteger mantissa, int scale)
    {
        var negative = mantissa.Sign < 0;
        var magnitude = BigInteger.Abs(mantissa);
        var low = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var high = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(low, mid, high, negative, (byte)scale);
    }
}
