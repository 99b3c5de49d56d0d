using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>
/// A server-side CQL type: what a column holds, how its serialized values order, and how it is written in
/// system_schema type text. Values are kept in their protocol v4 serialized form everywhere in the node.
/// </summary>
internal sealed class ColumnType : IEquatable<ColumnType>
{
    private static readonly Dictionary<string, TypeKind> NativeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ascii"] = TypeKind.Ascii, ["bigint"] = TypeKind.Bigint, ["blob"] = TypeKind.Blob, ["boolean"] = TypeKind.Boolean,
        ["counter"] = TypeKind.Counter, ["decimal"] = TypeKind.Decimal, ["double"] = TypeKind.Double, ["float"] = TypeKind.Float,
        ["int"] = TypeKind.Int, ["timestamp"] = TypeKind.Timestamp, ["uuid"] = TypeKind.Uuid, ["text"] = TypeKind.Text,
        ["varchar"] = TypeKind.Text, ["varint"] = TypeKind.Varint, ["timeuuid"] = TypeKind.Timeuuid, ["inet"] = TypeKind.Inet,
        ["date"] = TypeKind.Date, ["time"] = TypeKind.Time, ["smallint"] = TypeKind.Smallint, ["tinyint"] = TypeKind.Tinyint,
        ["duration"] = TypeKind.Duration,
    };

    /// <summary>Java class name clients expect for duration in protocol v4, where it has no option id.</summary>
    public const string DurationClassName = "org.apache.cassandra.db.marshal.DurationType";

    private ColumnType(TypeKind kind, bool frozen, IReadOnlyList<ColumnType> parameters, string? keyspace, string? udtName, IReadOnlyList<string> fieldNames, int dimension = 0)
    {
        Dimension = dimension;
        Kind = kind;
        IsFrozen = frozen;
        Parameters = parameters;
        Keyspace = keyspace;
        UdtName = udtName;
        FieldNames = fieldNames;
        HasSortedCollection = kind is TypeKind.Set or TypeKind.Map || parameters.Any(p => p.HasSortedCollection);
    }

    public TypeKind Kind { get; }
    public bool IsFrozen { get; }
    /// <summary>Element types: list/set element, map key and value, tuple and UDT field types.</summary>
    public IReadOnlyList<ColumnType> Parameters { get; }
    public string? Keyspace { get; }
    public string? UdtName { get; }
    public IReadOnlyList<string> FieldNames { get; }
    /// <summary>Number of elements of a vector type; 0 for every other type.</summary>
    public int Dimension { get; }

    /// <summary>Whether values of this type hold a set or map at any depth, whose serialized form Cassandra keeps sorted.</summary>
    public bool HasSortedCollection { get; }

    public bool IsCollection => Kind is TypeKind.List or TypeKind.Set or TypeKind.Map;

    /// <summary>Serialized length of every value of the type, or -1 when values vary in length (ValueValidator, vectors).</summary>
    public int FixedLength => Kind switch
    {
        TypeKind.Bigint or TypeKind.Counter or TypeKind.Timestamp or TypeKind.Double or TypeKind.Time => 8,
        TypeKind.Int or TypeKind.Float or TypeKind.Date => 4,
        TypeKind.Smallint => 2,
        TypeKind.Tinyint or TypeKind.Boolean => 1,
        TypeKind.Uuid or TypeKind.Timeuuid => 16,
        TypeKind.Vector when Parameters[0].FixedLength > 0 => Parameters[0].FixedLength * Dimension,
        _ => -1,
    };
    public bool IsMultiCell => (IsCollection || Kind == TypeKind.Udt) && !IsFrozen;

    public static ColumnType Native(TypeKind kind) => Natives[kind];
    private static readonly Dictionary<TypeKind, ColumnType> Natives = NativeNames.Values.Distinct()
        .ToDictionary(k => k, k => new ColumnType(k, false, Array.Empty<ColumnType>(), null, null, Array.Empty<string>()));

    public static readonly ColumnType Text = Native(TypeKind.Text);
    public static readonly ColumnType Ascii = Native(TypeKind.Ascii);
    public static readonly ColumnType Bigint = Native(TypeKind.Bigint);
    public static readonly ColumnType Int = Native(TypeKind.Int);
    public static readonly ColumnType Uuid = Native(TypeKind.Uuid);
    public static readonly ColumnType Timeuuid = Native(TypeKind.Timeuuid);
    public static readonly ColumnType Timestamp = Native(TypeKind.Timestamp);
    public static readonly ColumnType Boolean = Native(TypeKind.Boolean);
    public static readonly ColumnType Blob = Native(TypeKind.Blob);
    public static readonly ColumnType Inet = Native(TypeKind.Inet);
    public static readonly ColumnType Double = Native(TypeKind.Double);

    public static ColumnType ListOf(ColumnType element, bool frozen = false) => new(TypeKind.List, frozen, new[] { element }, null, null, Array.Empty<string>());
    public static ColumnType SetOf(ColumnType element, bool frozen = false) => new(TypeKind.Set, frozen, new[] { element }, null, null, Array.Empty<string>());
    public static ColumnType MapOf(ColumnType key, ColumnType value, bool frozen = false) => new(TypeKind.Map, frozen, new[] { key, value }, null, null, Array.Empty<string>());
    /// <summary>vector&lt;element, dimension&gt;; its elements are frozen, as Cassandra's VectorType requires.</summary>
    public static ColumnType VectorOf(ColumnType element, int dimension) => new(TypeKind.Vector, true, new[] { element.Freeze() }, null, null, Array.Empty<string>(), dimension);
    public static ColumnType TupleOf(IReadOnlyList<ColumnType> fields) => new(TypeKind.Tuple, true, fields, null, null, Array.Empty<string>());
    public static ColumnType UserType(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<ColumnType> fieldTypes, bool frozen)
        => new(TypeKind.Udt, frozen, fieldTypes, keyspace, name, fieldNames);

    public static bool TryNative(string name, out ColumnType type)
    {
        if (NativeNames.TryGetValue(name, out var kind)) { type = Natives[kind]; return true; }
        type = null!;
        return false;
    }

    /// <summary>
    /// The frozen form, at every depth: inside <c>frozen&lt;...&gt;</c>, a tuple or a vector every nested collection
    /// and user type is frozen too (as Cassandra's CQL3Type.Raw.freeze does), e.g. <c>frozen&lt;map&lt;text, frozen&lt;list&lt;int&gt;&gt;&gt;&gt;</c>.
    /// </summary>
    public ColumnType Freeze()
    {
        if (Parameters.Count == 0) return this;
        var parameters = new ColumnType[Parameters.Count];
        var changed = !IsFrozen;
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = Parameters[i].Freeze();
            changed |= !ReferenceEquals(parameters[i], Parameters[i]);
        }
        return changed ? new ColumnType(Kind, true, parameters, Keyspace, UdtName, FieldNames, Dimension) : this;
    }

    /// <summary>The type as system_schema writes it, e.g. <c>frozen&lt;map&lt;text, int&gt;&gt;</c>.</summary>
    public string ToCqlText()
    {
        var inner = Kind switch
        {
            TypeKind.List => $"list<{Parameters[0].ToCqlText()}>",
            TypeKind.Set => $"set<{Parameters[0].ToCqlText()}>",
            TypeKind.Map => $"map<{Parameters[0].ToCqlText()}, {Parameters[1].ToCqlText()}>",
            TypeKind.Tuple => $"tuple<{string.Join(", ", Parameters.Select(p => p.ToCqlText()))}>",
            TypeKind.Udt => QuoteIfNeeded(UdtName!),
            TypeKind.Vector => $"vector<{Parameters[0].ToCqlText()}, {Dimension}>",
            _ => NativeNames.First(p => p.Value == Kind && p.Key != "varchar").Key,
        };
        return IsFrozen && Kind != TypeKind.Vector ? $"frozen<{inner}>" : inner;
    }

    public override string ToString() => ToCqlText();

    internal static string QuoteIfNeeded(string identifier)
    {
        foreach (var c in identifier)
            if (!(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '_'))
                return "\"" + identifier.Replace("\"", "\"\"") + "\"";
        return identifier;
    }

    /// <summary>Same type ignoring frozenness (used where Cassandra compares value compatibility).</summary>
    public bool SameShape(ColumnType other)
    {
        if (Kind != other.Kind || Parameters.Count != other.Parameters.Count || Dimension != other.Dimension) return false;
        if (Kind == TypeKind.Udt && (UdtName != other.UdtName || Keyspace != other.Keyspace)) return false;
        for (var i = 0; i < Parameters.Count; i++) if (!Parameters[i].SameShape(other.Parameters[i])) return false;
        return true;
    }

    public bool Equals(ColumnType? other) => other is not null && IsFrozen == other.IsFrozen && SameShape(other);
    public override bool Equals(object? obj) => obj is ColumnType t && Equals(t);
    public override int GetHashCode() => HashCode.Combine(Kind, IsFrozen, Parameters.Count, UdtName);
}
