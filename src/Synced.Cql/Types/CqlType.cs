using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL column type: a native type, a collection (list, set, map), a tuple, a user-defined type or a custom
/// class, possibly frozen. Immutable; compares structurally.
/// </summary>
public sealed class CqlType : IEquatable<CqlType>
{
    /// <summary>Class name Cassandra uses for duration in protocol v4, where duration has no type id of its own.</summary>
    public const string DurationClassName = "org.apache.cassandra.db.marshal.DurationType";

    private static readonly IReadOnlyList<CqlType> NoParameters = Array.Empty<CqlType>();
    private static readonly IReadOnlyList<CqlUdtField> NoFields = Array.Empty<CqlUdtField>();

    private CqlType(CqlTypeCode code, bool isFrozen, IReadOnlyList<CqlType>? parameters = null,
        string? keyspace = null, string? name = null, IReadOnlyList<CqlUdtField>? fields = null, string? customClass = null, int dimensions = 0)
    {
        Dimensions = dimensions;
        Code = code;
        IsFrozen = isFrozen;
        Parameters = parameters ?? NoParameters;
        Keyspace = keyspace;
        Name = name;
        Fields = fields ?? NoFields;
        CustomClass = customClass;
    }

    public static CqlType Ascii { get; } = new CqlType(CqlTypeCode.Ascii, false);
    public static CqlType Bigint { get; } = new CqlType(CqlTypeCode.Bigint, false);
    public static CqlType Blob { get; } = new CqlType(CqlTypeCode.Blob, false);
    public static CqlType Boolean { get; } = new CqlType(CqlTypeCode.Boolean, false);
    public static CqlType Counter { get; } = new CqlType(CqlTypeCode.Counter, false);
    public static CqlType Date { get; } = new CqlType(CqlTypeCode.Date, false);
    public static CqlType Decimal { get; } = new CqlType(CqlTypeCode.Decimal, false);
    public static CqlType Double { get; } = new CqlType(CqlTypeCode.Double, false);
    public static CqlType Duration { get; } = new CqlType(CqlTypeCode.Duration, false);
    public static CqlType Float { get; } = new CqlType(CqlTypeCode.Float, false);
    public static CqlType Inet { get; } = new CqlType(CqlTypeCode.Inet, false);
    public static CqlType Int { get; } = new CqlType(CqlTypeCode.Int, false);
    public static CqlType Smallint { get; } = new CqlType(CqlTypeCode.Smallint, false);
    /// <summary>text, also known as varchar.</summary>
    public static CqlType Text { get; } = new CqlType(CqlTypeCode.Varchar, false);
    public static CqlType Time { get; } = new CqlType(CqlTypeCode.Time, false);
    public static CqlType Timestamp { get; } = new CqlType(CqlTypeCode.Timestamp, false);
    public static CqlType Timeuuid { get; } = new CqlType(CqlTypeCode.Timeuuid, false);
    public static CqlType Tinyint { get; } = new CqlType(CqlTypeCode.Tinyint, false);
    public static CqlType Uuid { get; } = new CqlType(CqlTypeCode.Uuid, false);
    public static CqlType Varint { get; } = new CqlType(CqlTypeCode.Varint, false);

    /// <summary>The type id.</summary>
    public CqlTypeCode Code { get; }

    /// <summary>Frozen collections, tuples and UDTs are stored as one value. Not sent on the wire.</summary>
    public bool IsFrozen { get; }

    /// <summary>list/set: [element]; map: [key, value]; tuple: the component types; otherwise empty.</summary>
    public IReadOnlyList<CqlType> Parameters { get; }

    /// <summary>UDT keyspace (may be null when parsed from text without one).</summary>
    public string? Keyspace { get; }

    /// <summary>UDT name.</summary>
    public string? Name { get; }

    /// <summary>UDT fields in declaration order.</summary>
    public IReadOnlyList<CqlUdtField> Fields { get; }

    /// <summary>Java class name of a custom type.</summary>
    public string? CustomClass { get; }

    /// <summary>The number of elements of a vector (its n); 0 for other types.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// The size every value of this type has when Cassandra treats it as fixed (boolean, int, bigint, float,
    /// double, timestamp, uuid, timeuuid), else null. Vector elements of such types are written without length.
    /// </summary>
    public int? FixedSize
    {
        get
        {
            switch (Code)
            {
                case CqlTypeCode.Boolean: return 1;
                case CqlTypeCode.Int:
                case CqlTypeCode.Float: return 4;
                case CqlTypeCode.Bigint:
                case CqlTypeCode.Double:
                case CqlTypeCode.Timestamp: return 8;
                case CqlTypeCode.Uuid:
                case CqlTypeCode.Timeuuid: return 16;
                case CqlTypeCode.Vector: return Parameters[0].FixedSize * Dimensions;
                default: return null;
            }
        }
    }

    /// <summary>True for list, set and map.</summary>
    public bool IsCollection => Code == CqlTypeCode.List || Code == CqlTypeCode.Set || Code == CqlTypeCode.Map;

    /// <summary>Element type of a list, set or vector.</summary>
    public CqlType ElementType => Code == CqlTypeCode.List || Code == CqlTypeCode.Set || Code == CqlTypeCode.Vector
        ? Parameters[0]
        : throw new InvalidOperationException($"{this} has no element type.");

    /// <summary>Key type of a map.</summary>
    public CqlType KeyType => Code == CqlTypeCode.Map ? Parameters[0] : throw new InvalidOperationException($"{this} is not a map.");

    /// <summary>Value type of a map.</summary>
    public CqlType ValueType => Code == CqlTypeCode.Map ? Parameters[1] : throw new InvalidOperationException($"{this} is not a map.");

    public static CqlType List(CqlType element, bool frozen = false) => new(CqlTypeCode.List, frozen, new[] { element });

    public static CqlType Set(CqlType element, bool frozen = false) => new(CqlTypeCode.Set, frozen, new[] { element });

    public static CqlType Map(CqlType key, CqlType value, bool frozen = false) => new(CqlTypeCode.Map, frozen, new[] { key, value });

    /// <summary>A tuple; tuples are always frozen in CQL.</summary>
    public static CqlType Tuple(params CqlType[] components)
    {
        if (components.Length == 0)
        {
            throw new ArgumentException("A tuple has at least one component.", nameof(components));
        }

        return new CqlType(CqlTypeCode.Tuple, true, components.ToArray());
    }

    /// <summary>
    /// Cassandra 5.0's <c>vector&lt;element, dimensions&gt;</c>: exactly <paramref name="dimensions"/> non-null elements,
    /// stored as one value (its element type is frozen, as Cassandra freezes it).
    /// </summary>
    public static CqlType Vector(CqlType element, int dimensions)
    {
        if (element == null)
        {
            throw new ArgumentNullException(nameof(element));
        }

        if (dimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "A vector has at least one dimension.");
        }

        return new CqlType(CqlTypeCode.Vector, true, new[] { element.AsFrozen() }, dimensions: dimensions);
    }

    public static CqlType Udt(string? keyspace, string name, IReadOnlyList<CqlUdtField> fields, bool frozen = false)
        => new(CqlTypeCode.Udt, frozen, null, keyspace, name, fields.ToArray());

    /// <summary>
    /// A custom type by Java class name; the duration class maps to <see cref="Duration"/>, and Cassandra's
    /// <c>VectorType(...)</c> to the <see cref="Vector"/> it describes.
    /// </summary>
    public static CqlType Custom(string className)
    {
        if (className == DurationClassName)
        {
            return Duration;
        }

        if (className.StartsWith(MarshalTypeName.Package + "VectorType(", StringComparison.Ordinal) && MarshalTypeName.TryParse(className) is CqlType vector)
        {
            return vector;
        }

        return new CqlType(CqlTypeCode.Custom, false, customClass: className);
    }

    /// <summary>The native type for a type id (not collections, tuples, UDTs or custom).</summary>
    public static CqlType FromNativeCode(CqlTypeCode code)
    {
        switch (code)
        {
            case CqlTypeCode.Ascii: return Ascii;
            case CqlTypeCode.Bigint: return Bigint;
            case CqlTypeCode.Blob: return Blob;
            case CqlTypeCode.Boolean: return Boolean;
            case CqlTypeCode.Counter: return Counter;
            case CqlTypeCode.Decimal: return Decimal;
            case CqlTypeCode.Double: return Double;
            case CqlTypeCode.Float: return Float;
            case CqlTypeCode.Int: return Int;
            case CqlTypeCode.Timestamp: return Timestamp;
            case CqlTypeCode.Uuid: return Uuid;
            case CqlTypeCode.Varchar: return Text;
            case CqlTypeCode.Varint: return Varint;
            case CqlTypeCode.Timeuuid: return Timeuuid;
            case CqlTypeCode.Inet: return Inet;
            case CqlTypeCode.Date: return Date;
            case CqlTypeCode.Time: return Time;
            case CqlTypeCode.Smallint: return Smallint;
            case CqlTypeCode.Tinyint: return Tinyint;
            case CqlTypeCode.Duration: return Duration;
            default: throw new ArgumentException($"{code} is not a native type.", nameof(code));
        }
    }

    /// <summary>Returns this type marked frozen (collections and UDTs; other types are returned as they are).</summary>
    public CqlType AsFrozen()
    {
        if (IsFrozen || !(IsCollection || Code == CqlTypeCode.Udt))
        {
            return this;
        }

        return new CqlType(Code, true, Parameters, Keyspace, Name, Fields, CustomClass, Dimensions);
    }

    /// <summary>Returns this type with the frozen mark removed at every level (what the wire carries).</summary>
    public CqlType WithoutFrozen()
    {
        if (!IsFrozen && Parameters.Count == 0 && Fields.Count == 0)
        {
            return this;
        }

        var frozen = Code == CqlTypeCode.Tuple || Code == CqlTypeCode.Vector;
        return new CqlType(Code, frozen, Parameters.Select(p => p.WithoutFrozen()).ToArray(), Keyspace, Name,
            Fields.Select(f => new CqlUdtField(f.Name, f.Type.WithoutFrozen())).ToArray(), CustomClass, Dimensions);
    }

    /// <summary>Index of a UDT field by exact name, or -1.</summary>
    public int IndexOfField(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Parses CQL type text such as <c>frozen&lt;map&lt;text, list&lt;int&gt;&gt;&gt;</c> or <c>tuple&lt;int,text&gt;</c>.
    /// Any other name is a user-defined type, looked up with <paramref name="resolveUdt"/> (keyspace or null, name);
    /// a quoted string is a custom class.
    /// </summary>
    public static CqlType Parse(string text, Func<string?, string, CqlType?>? resolveUdt = null)
        => CqlTypeParser.Parse(text, resolveUdt);

    /// <summary>Reads an [option].</summary>
    internal static CqlType ReadOption(ref FrameReader reader)
    {
        var code = (CqlTypeCode)reader.ReadShort();
        switch (code)
        {
            case CqlTypeCode.Custom:
                return Custom(reader.ReadString());
            case CqlTypeCode.List:
                return List(ReadOption(ref reader));
            case CqlTypeCode.Set:
                return Set(ReadOption(ref reader));
            case CqlTypeCode.Map:
            {
                var key = ReadOption(ref reader);
                return Map(key, ReadOption(ref reader));
            }

            case CqlTypeCode.Udt:
            {
                var keyspace = reader.ReadString();
                var name = reader.ReadString();
                int count = reader.ReadShort();
                var fields = new CqlUdtField[count];
                for (var i = 0; i < count; i++)
                {
                    var fieldName = reader.ReadString();
                    fields[i] = new CqlUdtField(fieldName, ReadOption(ref reader));
                }

                return new CqlType(CqlTypeCode.Udt, false, null, keyspace, name, fields);
            }

            case CqlTypeCode.Tuple:
            {
                int count = reader.ReadShort();
                var components = new CqlType[count];
                for (var i = 0; i < count; i++)
                {
                    components[i] = ReadOption(ref reader);
                }

                return new CqlType(CqlTypeCode.Tuple, true, components);
            }

            default:
                if (!Enum.IsDefined(typeof(CqlTypeCode), code))
                {
                    throw new CqlProtocolException($"Unknown [option] type id 0x{(ushort)code:x4}.");
                }

                return FromNativeCode(code);
        }
    }

    /// <summary>Writes this type as an [option] for protocol v4 (duration as its custom class).</summary>
    internal void WriteOption(FrameWriter writer)
    {
        switch (Code)
        {
            case CqlTypeCode.Duration:
                writer.WriteShort((ushort)CqlTypeCode.Custom);
                writer.WriteString(DurationClassName);
                return;
            case CqlTypeCode.Custom:
                writer.WriteShort((ushort)CqlTypeCode.Custom);
                writer.WriteString(CustomClass!);
                return;
            case CqlTypeCode.Vector:
                writer.WriteShort((ushort)CqlTypeCode.Custom);
                writer.WriteString(MarshalTypeName.Format(this));
                return;
            case CqlTypeCode.Udt:
                writer.WriteShort((ushort)CqlTypeCode.Udt);
                writer.WriteString(Keyspace ?? string.Empty);
                writer.WriteString(Name!);
                writer.WriteShort(checked((ushort)Fields.Count));
                foreach (var field in Fields)
                {
                    writer.WriteString(field.Name);
                    field.Type.WriteOption(writer);
                }

                return;
            case CqlTypeCode.Tuple:
                writer.WriteShort((ushort)CqlTypeCode.Tuple);
                writer.WriteShort(checked((ushort)Parameters.Count));
                foreach (var component in Parameters)
                {
                    component.WriteOption(writer);
                }

                return;
            default:
                writer.WriteShort((ushort)Code);
                foreach (var parameter in Parameters)
                {
                    parameter.WriteOption(writer);
                }

                return;
        }
    }

    /// <summary>The CQL text of this type, e.g. <c>frozen&lt;list&lt;int&gt;&gt;</c>; UDTs by (keyspace-less) name.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendCql(builder);
        return builder.ToString();
    }

    private void AppendCql(StringBuilder builder)
    {
        var frozen = IsFrozen && Code != CqlTypeCode.Tuple && Code != CqlTypeCode.Vector;
        if (frozen)
        {
            builder.Append("frozen<");
        }

        switch (Code)
        {
            case CqlTypeCode.Custom:
                builder.Append('\'').Append(CustomClass!.Replace("'", "''")).Append('\'');
                break;
            case CqlTypeCode.Udt:
                builder.Append(CqlIdentifier.Quote(Name!));
                break;
            case CqlTypeCode.Vector:
                builder.Append("vector<");
                Parameters[0].AppendCql(builder);
                builder.Append(", ").Append(Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('>');
                break;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
            case CqlTypeCode.Map:
            case CqlTypeCode.Tuple:
                builder.Append(NativeName(Code)).Append('<');
                for (var i = 0; i < Parameters.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Parameters[i].AppendCql(builder);
                }

                builder.Append('>');
                break;
            default:
                builder.Append(NativeName(Code));
                break;
        }

        if (frozen)
        {
            builder.Append('>');
        }
    }

    /// <summary>CQL name of a type id ("text" for varchar).</summary>
    public static string NativeName(CqlTypeCode code)
    {
        switch (code)
        {
            case CqlTypeCode.Ascii: return "ascii";
            case CqlTypeCode.Bigint: return "bigint";
            case CqlTypeCode.Blob: return "blob";
            case CqlTypeCode.Boolean: return "boolean";
            case CqlTypeCode.Counter: return "counter";
            case CqlTypeCode.Decimal: return "decimal";
            case CqlTypeCode.Double: return "double";
            case CqlTypeCode.Float: return "float";
            case CqlTypeCode.Int: return "int";
            case CqlTypeCode.Timestamp: return "timestamp";
            case CqlTypeCode.Uuid: return "uuid";
            case CqlTypeCode.Varchar: return "text";
            case CqlTypeCode.Varint: return "varint";
            case CqlTypeCode.Timeuuid: return "timeuuid";
            case CqlTypeCode.Inet: return "inet";
            case CqlTypeCode.Date: return "date";
            case CqlTypeCode.Time: return "time";
            case CqlTypeCode.Smallint: return "smallint";
            case CqlTypeCode.Tinyint: return "tinyint";
            case CqlTypeCode.Duration: return "duration";
            case CqlTypeCode.List: return "list";
            case CqlTypeCode.Map: return "map";
            case CqlTypeCode.Set: return "set";
            case CqlTypeCode.Tuple: return "tuple";
            case CqlTypeCode.Udt: return "udt";
            case CqlTypeCode.Vector: return "vector";
            default: return "custom";
        }
    }

    public bool Equals(CqlType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Code != other.Code || IsFrozen != other.IsFrozen || Dimensions != other.Dimensions
            || !string.Equals(CustomClass, other.CustomClass, StringComparison.Ordinal)
            || !string.Equals(Name, other.Name, StringComparison.Ordinal)
            || !string.Equals(Keyspace, other.Keyspace, StringComparison.Ordinal)
            || Parameters.Count != other.Parameters.Count || Fields.Count != other.Fields.Count)
        {
            return false;
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!Parameters[i].Equals(other.Parameters[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name != other.Fields[i].Name || !Fields[i].Type.Equals(other.Fields[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is CqlType other && Equals(other);

    public override int GetHashCode()
    {
        var hash = (int)Code * 31 + (IsFrozen ? 1 : 0);
        foreach (var parameter in Parameters)
        {
            hash = hash * 31 + parameter.GetHashCode();
        }

        return (hash * 31 + (Name?.GetHashCode() ?? 0)) * 31 + Dimensions;
    }
}
