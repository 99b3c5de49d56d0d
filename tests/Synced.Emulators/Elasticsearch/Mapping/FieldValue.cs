using System;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>One indexed value of a field (what Lucene's doc values hold): comparable across documents.</summary>
internal readonly struct FieldValue : IComparable<FieldValue>, IEquatable<FieldValue>
{
    public static readonly FieldValue Missing;

    private FieldValue(FieldValueKind kind, long l, double d, string? s)
    {
        Kind = kind;
        Long = l;
        Double = d;
        String = s;
    }

    public FieldValueKind Kind { get; }
    public long Long { get; }
    public double Double { get; }
    public string? String { get; }

    public bool IsMissing => Kind == FieldValueKind.Missing;
    public bool IsNumeric => Kind is FieldValueKind.Long or FieldValueKind.Double;
    public double AsDouble => Kind == FieldValueKind.Long ? Long : Double;

    public static FieldValue FromLong(long value) => new(FieldValueKind.Long, value, 0, null);
    public static FieldValue FromDouble(double value) => new(FieldValueKind.Double, 0, value, null);
    public static FieldValue FromString(string value) => new(FieldValueKind.String, 0, 0, value);

    public int CompareTo(FieldValue other)
    {
        if (Kind == FieldValueKind.Long && other.Kind == FieldValueKind.Long) return Long.CompareTo(other.Long);
        if (IsNumeric && other.IsNumeric) return AsDouble.CompareTo(other.AsDouble);
        if (Kind == FieldValueKind.String && other.Kind == FieldValueKind.String) return string.CompareOrdinal(String, other.String);
        return Kind.CompareTo(other.Kind);
    }

    public bool Equals(FieldValue other) => CompareTo(other) == 0 && (IsNumeric == other.IsNumeric);

    public override bool Equals(object? obj) => obj is FieldValue v && Equals(v);

    public override int GetHashCode() => Kind switch
    {
        FieldValueKind.Long => Long.GetHashCode(),
        FieldValueKind.Double => Double.GetHashCode(),
        FieldValueKind.String => String!.GetHashCode(StringComparison.Ordinal),
        _ => 0,
    };

    /// <summary>Writes the value as ES prints it in a hit's <c>sort</c> array.</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        switch (Kind)
        {
            case FieldValueKind.Long: w.WriteNumberValue(Long); break;
            case FieldValueKind.Double: w.WriteNumberValue(Double); break;
            case FieldValueKind.String: w.WriteStringValue(String); break;
            default: w.WriteNullValue(); break;
        }
    }

    public override string ToString() => Kind switch
    {
        FieldValueKind.Long => Long.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldValueKind.Double => Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        FieldValueKind.String => String!,
        _ => "null",
    };
}
