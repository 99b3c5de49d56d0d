using System;
using System.Collections.Generic;

namespace Synced.Core.Model;

/// <summary>
/// The type of a mapped Elasticsearch field, by the name its mapping gives it (<c>keyword</c>, <c>date</c>,
/// <c>flattened</c>, ...). The types Synced maps, checks or converts are named here; any other type a mapping holds
/// (<c>geo_point</c>, ...) is kept by its name. Compares by name.
/// </summary>
public sealed class ElasticsearchFieldType : IEquatable<ElasticsearchFieldType>
{
    private static readonly Dictionary<string, ElasticsearchFieldType> Known = new(StringComparer.Ordinal);

    private ElasticsearchFieldType(string name, Kind kind, int? dimensions = null)
    {
        Name = name;
        _kind = kind;
        Dimensions = dimensions;
    }

    private enum Kind
    {
        Other,
        Number,
        Objects,
    }

    private readonly Kind _kind;

    /// <summary><c>keyword</c>: exact text.</summary>
    public static ElasticsearchFieldType Keyword { get; } = Define("keyword");

    /// <summary><c>text</c>: analysed text.</summary>
    public static ElasticsearchFieldType Text { get; } = Define("text");

    /// <summary><c>match_only_text</c> (7.14+).</summary>
    public static ElasticsearchFieldType MatchOnlyText { get; } = Define("match_only_text");

    /// <summary><c>wildcard</c> (7.9+).</summary>
    public static ElasticsearchFieldType Wildcard { get; } = Define("wildcard");

    /// <summary><c>constant_keyword</c> (7.7+).</summary>
    public static ElasticsearchFieldType ConstantKeyword { get; } = Define("constant_keyword");

    /// <summary><c>long</c>: a signed 64-bit integer.</summary>
    public static ElasticsearchFieldType Long { get; } = Define("long", Kind.Number);

    /// <summary><c>integer</c>: a signed 32-bit integer.</summary>
    public static ElasticsearchFieldType Integer { get; } = Define("integer", Kind.Number);

    /// <summary><c>short</c>: a signed 16-bit integer.</summary>
    public static ElasticsearchFieldType Short { get; } = Define("short", Kind.Number);

    /// <summary><c>byte</c>: a signed 8-bit integer.</summary>
    public static ElasticsearchFieldType Byte { get; } = Define("byte", Kind.Number);

    /// <summary><c>unsigned_long</c> (7.10+): an unsigned 64-bit integer.</summary>
    public static ElasticsearchFieldType UnsignedLong { get; } = Define("unsigned_long", Kind.Number);

    /// <summary><c>double</c>.</summary>
    public static ElasticsearchFieldType Double { get; } = Define("double", Kind.Number);

    /// <summary><c>scaled_float</c>: a double stored as a scaled long.</summary>
    public static ElasticsearchFieldType ScaledFloat { get; } = Define("scaled_float", Kind.Number);

    /// <summary><c>float</c>.</summary>
    public static ElasticsearchFieldType Float { get; } = Define("float", Kind.Number);

    /// <summary><c>half_float</c>.</summary>
    public static ElasticsearchFieldType HalfFloat { get; } = Define("half_float", Kind.Number);

    /// <summary><c>boolean</c>.</summary>
    public static ElasticsearchFieldType Boolean { get; } = Define("boolean");

    /// <summary><c>date</c>: milliseconds since the epoch.</summary>
    public static ElasticsearchFieldType Date { get; } = Define("date");

    /// <summary><c>date_nanos</c>: nanoseconds since the epoch.</summary>
    public static ElasticsearchFieldType DateNanos { get; } = Define("date_nanos");

    /// <summary><c>binary</c>: base64 text.</summary>
    public static ElasticsearchFieldType Binary { get; } = Define("binary");

    /// <summary><c>ip</c>: an IPv4 or IPv6 address.</summary>
    public static ElasticsearchFieldType Ip { get; } = Define("ip");

    /// <summary><c>object</c>: a JSON object (also a field with only <c>properties</c>).</summary>
    public static ElasticsearchFieldType Object { get; } = Define("object", Kind.Objects);

    /// <summary><c>nested</c>: an array of objects indexed apart.</summary>
    public static ElasticsearchFieldType Nested { get; } = Define("nested", Kind.Objects);

    /// <summary><c>flattened</c> (7.3+): a whole JSON object as one field.</summary>
    public static ElasticsearchFieldType Flattened { get; } = Define("flattened", Kind.Objects);

    /// <summary><c>dense_vector</c>: a vector of floats.</summary>
    public static ElasticsearchFieldType DenseVector { get; } = Define("dense_vector");

    /// <summary>The type's name in a mapping.</summary>
    public string Name { get; }

    /// <summary>The <c>dims</c> of a <c>dense_vector</c> when its mapping gives them; null otherwise.</summary>
    public int? Dimensions { get; }

    /// <summary>This type with the <c>dims</c> its mapping gives (a <c>dense_vector</c>).</summary>
    public ElasticsearchFieldType WithDimensions(int dimensions)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "a vector has at least one dimension");
        return new ElasticsearchFieldType(Name, _kind, dimensions);
    }

    /// <summary>A number type: its values are JSON numbers.</summary>
    public bool IsNumber => _kind == Kind.Number;

    /// <summary><c>object</c>, <c>nested</c> or <c>flattened</c>: its values are JSON objects.</summary>
    public bool HoldsObjects => _kind == Kind.Objects;

    /// <summary>The type of that mapping name: one of the named types, or another type kept by its name.</summary>
    public static ElasticsearchFieldType FromName(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        return Known.TryGetValue(name, out var known) ? known : new ElasticsearchFieldType(name, Kind.Other);
    }

    private static ElasticsearchFieldType Define(string name, Kind kind = Kind.Other)
    {
        var type = new ElasticsearchFieldType(name, kind);
        Known.Add(name, type);
        return type;
    }

    /// <inheritdoc />
    public bool Equals(ElasticsearchFieldType? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && Dimensions == other.Dimensions;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ElasticsearchFieldType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name) * 31 + (Dimensions ?? 0);

    /// <summary>Same name (and dimensions).</summary>
    public static bool operator ==(ElasticsearchFieldType? left, ElasticsearchFieldType? right) => left?.Equals(right) ?? right is null;

    /// <summary>Another name.</summary>
    public static bool operator !=(ElasticsearchFieldType? left, ElasticsearchFieldType? right) => !(left == right);

    /// <inheritdoc />
    public override string ToString() => Name;
}
