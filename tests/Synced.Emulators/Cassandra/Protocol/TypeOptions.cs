using System;
using System.Linq;
using System.Text;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// Writes a column type as the [option] of native_protocol_v4.spec section 4.2.5.2: the native ids, List/Set/Map
/// with their element options, UDT (keyspace, name, fields) and Tuple. Types v4 has no id for go as Custom (0x0000)
/// with Cassandra's marshal class name: duration as DurationType, vectors as
/// <c>VectorType(&lt;element class&gt; , n)</c> (Cassandra 5.0's TypeParser.stringifyVectorParameters spelling).
/// </summary>
internal static class TypeOptions
{
    private const string Marshal = "org.apache.cassandra.db.marshal.";

    public static void Write(WireWriter w, ColumnType type)
    {
        switch (type.Kind)
        {
            case TypeKind.Duration:
            case TypeKind.Vector:
                w.WriteShort((ushort)TypeKind.Custom);
                w.WriteString(ClassName(type));
                return;
            case TypeKind.List:
            case TypeKind.Set:
                w.WriteShort((ushort)type.Kind);
                Write(w, type.Parameters[0]);
                return;
            case TypeKind.Map:
                w.WriteShort((ushort)type.Kind);
                Write(w, type.Parameters[0]);
                Write(w, type.Parameters[1]);
                return;
            case TypeKind.Udt:
                w.WriteShort((ushort)type.Kind);
                w.WriteString(type.Keyspace!);
                w.WriteString(type.UdtName!);
                w.WriteShort((ushort)type.FieldNames.Count);
                for (var i = 0; i < type.FieldNames.Count; i++)
                {
                    w.WriteString(type.FieldNames[i]);
                    Write(w, type.Parameters[i]);
                }
                return;
            case TypeKind.Tuple:
                w.WriteShort((ushort)type.Kind);
                w.WriteShort((ushort)type.Parameters.Count);
                foreach (var p in type.Parameters) Write(w, p);
                return;
            default:
                w.WriteShort((ushort)type.Kind);
                return;
        }
    }

    /// <summary>Cassandra's AbstractType class name of a type, frozen collections and user types wrapped in FrozenType.</summary>
    public static string ClassName(ColumnType type)
    {
        var name = type.Kind switch
        {
            TypeKind.Ascii => "AsciiType",
            TypeKind.Bigint => "LongType",
            TypeKind.Blob => "BytesType",
            TypeKind.Boolean => "BooleanType",
            TypeKind.Counter => "CounterColumnType",
            TypeKind.Decimal => "DecimalType",
            TypeKind.Double => "DoubleType",
            TypeKind.Float => "FloatType",
            TypeKind.Int => "Int32Type",
            TypeKind.Timestamp => "TimestampType",
            TypeKind.Uuid => "UUIDType",
            TypeKind.Text => "UTF8Type",
            TypeKind.Varint => "IntegerType",
            TypeKind.Timeuuid => "TimeUUIDType",
            TypeKind.Inet => "InetAddressType",
            TypeKind.Date => "SimpleDateType",
            TypeKind.Time => "TimeType",
            TypeKind.Smallint => "ShortType",
            TypeKind.Tinyint => "ByteType",
            TypeKind.Duration => "DurationType",
            TypeKind.List => $"ListType({ClassName(type.Parameters[0])})",
            TypeKind.Set => $"SetType({ClassName(type.Parameters[0])})",
            TypeKind.Map => $"MapType({ClassName(type.Parameters[0])},{ClassName(type.Parameters[1])})",
            TypeKind.Tuple => $"TupleType({string.Join(",", type.Parameters.Select(ClassName))})",
            TypeKind.Vector => $"VectorType({ClassName(type.Parameters[0])} , {type.Dimension})",
            TypeKind.Udt => $"UserType({type.Keyspace},{Convert.ToHexString(Encoding.UTF8.GetBytes(type.UdtName!)).ToLowerInvariant()},"
                + string.Join(",", type.FieldNames.Select((f, i) => Convert.ToHexString(Encoding.UTF8.GetBytes(f)).ToLowerInvariant() + ":" + ClassName(type.Parameters[i]))) + ")",
            _ => throw new ArgumentException($"no marshal class for {type.ToCqlText()}", nameof(type)),
        };
        var qualified = Marshal + name;
        return type.IsFrozen && type.Kind is TypeKind.List or TypeKind.Set or TypeKind.Map or TypeKind.Udt
            ? Marshal + "FrozenType(" + qualified + ")"
            : qualified;
    }
}
