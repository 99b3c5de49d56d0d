using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Synced.Cql.Types;

/// <summary>
/// Cassandra's internal type names (<c>org.apache.cassandra.db.marshal.*</c>), in which a node describes a type the
/// protocol has no id for: a custom [option] such as
/// <c>org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)</c> (Cassandra 5.0's
/// <c>vector&lt;float, 3&gt;</c>). Parses them into <see cref="CqlType"/> and writes them back.
/// </summary>
internal static class MarshalTypeName
{
    public const string Package = "org.apache.cassandra.db.marshal.";

    private static readonly Dictionary<string, CqlType> Natives = new(StringComparer.Ordinal)
    {
        ["AsciiType"] = CqlType.Ascii,
        ["LongType"] = CqlType.Bigint,
        ["BytesType"] = CqlType.Blob,
        ["BooleanType"] = CqlType.Boolean,
        ["CounterColumnType"] = CqlType.Counter,
        ["SimpleDateType"] = CqlType.Date,
        ["DecimalType"] = CqlType.Decimal,
        ["DoubleType"] = CqlType.Double,
        ["DurationType"] = CqlType.Duration,
        ["FloatType"] = CqlType.Float,
        ["InetAddressType"] = CqlType.Inet,
        ["Int32Type"] = CqlType.Int,
        ["ShortType"] = CqlType.Smallint,
        ["UTF8Type"] = CqlType.Text,
        ["TimeType"] = CqlType.Time,
        ["TimestampType"] = CqlType.Timestamp,
        ["TimeUUIDType"] = CqlType.Timeuuid,
        ["ByteType"] = CqlType.Tinyint,
        ["UUIDType"] = CqlType.Uuid,
        ["IntegerType"] = CqlType.Varint,
    };

    /// <summary>The type a marshal name describes, or null when it is not one this client knows.</summary>
    public static CqlType? TryParse(string name)
    {
        try
        {
            var position = 0;
            var type = ParseType(name, ref position);
            SkipBlanks(name, ref position);
            return position == name.Length ? type : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The marshal name of <paramref name="type"/> (custom types as their class).</summary>
    public static string Format(CqlType type)
    {
        var builder = new StringBuilder();
        Append(builder, type);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, CqlType type)
    {
        var frozen = type.IsFrozen && (type.IsCollection || type.Code == CqlTypeCode.Udt);
        if (frozen)
        {
            builder.Append(Package).Append("FrozenType(");
        }

        switch (type.Code)
        {
            case CqlTypeCode.Custom:
                builder.Append(type.CustomClass);
                break;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                builder.Append(Package).Append(type.Code == CqlTypeCode.List ? "ListType(" : "SetType(");
                Append(builder, type.ElementType);
                builder.Append(')');
                break;
            case CqlTypeCode.Map:
                builder.Append(Package).Append("MapType(");
                Append(builder, type.KeyType);
                builder.Append(',');
                Append(builder, type.ValueType);
                builder.Append(')');
                break;
            case CqlTypeCode.Tuple:
                builder.Append(Package).Append("TupleType(");
                for (var i = 0; i < type.Parameters.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    Append(builder, type.Parameters[i]);
                }

                builder.Append(')');
                break;
            case CqlTypeCode.Vector:
                builder.Append(Package).Append("VectorType(");
                Append(builder, type.ElementType);
                // Cassandra's spelling (TypeParser.stringifyVectorParameters): " , " before the dimension.
                builder.Append(" , ").Append(type.Dimensions.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case CqlTypeCode.Udt:
                builder.Append(Package).Append("UserType(").Append(type.Keyspace).Append(',').Append(Hex(type.Name!));
                foreach (var field in type.Fields)
                {
                    builder.Append(',').Append(Hex(field.Name)).Append(':');
                    Append(builder, field.Type);
                }

                builder.Append(')');
                break;
            default:
                builder.Append(Package).Append(Natives.First(n => n.Value.Code == type.Code).Key);
                break;
        }

        if (frozen)
        {
            builder.Append(')');
        }
    }

    private static CqlType ParseType(string text, ref int position)
    {
        var name = ReadName(text, ref position);
        var shortName = name.StartsWith(Package, StringComparison.Ordinal) ? name.Substring(Package.Length) : name;
        if (position >= text.Length || text[position] != '(')
        {
            return Natives.TryGetValue(shortName, out var native) ? native : throw new FormatException(name);
        }

        position++;
        switch (shortName)
        {
            case "ListType":
                return CqlType.List(ParseLast(text, ref position));
            case "SetType":
                return CqlType.Set(ParseLast(text, ref position));
            case "MapType":
            {
                var key = ParseType(text, ref position);
                Expect(text, ref position, ',');
                return CqlType.Map(key, ParseLast(text, ref position));
            }

            case "FrozenType":
                return ParseLast(text, ref position).AsFrozen();
            case "ReversedType":
                return ParseLast(text, ref position);
            case "TupleType":
            {
                var components = new List<CqlType> { ParseType(text, ref position) };
                while (Peek(text, position) == ',')
                {
                    Expect(text, ref position, ',');
                    components.Add(ParseType(text, ref position));
                }

                Expect(text, ref position, ')');
                return CqlType.Tuple(components.ToArray());
            }

            case "VectorType":
            {
                var element = ParseType(text, ref position);
                Expect(text, ref position, ',');
                SkipBlanks(text, ref position);
                var start = position;
                while (position < text.Length && char.IsDigit(text[position]))
                {
                    position++;
                }

                if (!int.TryParse(text.Substring(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var dimensions) || dimensions < 1)
                {
                    throw new FormatException(text);
                }

                Expect(text, ref position, ')');
                return CqlType.Vector(element, dimensions);
            }

            case "UserType":
            {
                var keyspace = ReadName(text, ref position);
                Expect(text, ref position, ',');
                var typeName = Unhex(ReadName(text, ref position));
                var fields = new List<CqlUdtField>();
                while (Peek(text, position) == ',')
                {
                    Expect(text, ref position, ',');
                    var fieldName = Unhex(ReadName(text, ref position));
                    Expect(text, ref position, ':');
                    fields.Add(new CqlUdtField(fieldName, ParseType(text, ref position)));
                }

                Expect(text, ref position, ')');
                return CqlType.Udt(keyspace, typeName, fields);
            }

            default:
                throw new FormatException(name);
        }
    }

    private static CqlType ParseLast(string text, ref int position)
    {
        var type = ParseType(text, ref position);
        Expect(text, ref position, ')');
        return type;
    }

    private static string ReadName(string text, ref int position)
    {
        SkipBlanks(text, ref position);
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '.' || text[position] == '_' || text[position] == '$'))
        {
            position++;
        }

        var name = position > start ? text.Substring(start, position - start) : throw new FormatException(text);
        SkipBlanks(text, ref position);
        return name;
    }

    /// <summary>Cassandra's TypeParser skips blanks between the parts of a name (it writes " , " in vectors).</summary>
    private static void SkipBlanks(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static char Peek(string text, int position) => position < text.Length ? text[position] : '\0';

    private static void Expect(string text, ref int position, char c)
    {
        SkipBlanks(text, ref position);
        if (Peek(text, position) != c)
        {
            throw new FormatException(text);
        }

        position++;
        SkipBlanks(text, ref position);
    }

    private static string Hex(string name) => string.Concat(Encoding.UTF8.GetBytes(name).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static string Unhex(string hex)
    {
        if (hex.Length % 2 != 0)
        {
            throw new FormatException(hex);
        }

        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(hex.Substring(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
