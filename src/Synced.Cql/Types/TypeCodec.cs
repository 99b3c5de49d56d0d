using System;
using System.Collections.Generic;
using System.Net;
using System.Numerics;
using Synced.Cql.Protocol;
using Synced.Cql.Types.Converters;

namespace Synced.Cql.Types;

/// <summary>
/// Converts between CQL values (the bytes inside a [value], without its length) and .NET values:
/// ascii/text → string, bigint/counter → long, blob → byte[], boolean → bool, date → <see cref="CqlDate"/>,
/// decimal → <see cref="CqlDecimal"/>, double, float, duration → <see cref="CqlDuration"/>, inet → <see cref="IPAddress"/>,
/// int, smallint → short, tinyint → sbyte, time → <see cref="CqlTime"/>, timestamp → <see cref="DateTimeOffset"/> (UTC),
/// (or <see cref="CqlTimestamp"/> outside years 1..9999), uuid/timeuuid → <see cref="Guid"/>, varint → <see cref="BigInteger"/>, list/set → <see cref="List{T}"/> of object,
/// map → list of key/value pairs (order kept), tuple → object[], UDT → <see cref="CqlUdtValue"/>, vector&lt;float, n&gt; → float[]
/// (other vectors → list), custom → byte[].
/// Writing also accepts other .NET types where the conversion is exact (e.g. an int for a bigint column).
/// The work is done by one converter per family of types (Types/Converters); this class only picks it.
/// </summary>
public static class TypeCodec
{
    /// <summary>Serializes a non-null value into a new array.</summary>
    public static byte[] Serialize(CqlType type, object value)
    {
        using var writer = new FrameWriter(64);
        Serialize(type, value, writer);
        return writer.ToArray();
    }

    /// <summary>Serializes a non-null value (no length prefix) at the writer's position.</summary>
    internal static void Serialize(CqlType type, object value, FrameWriter writer)
    {
        if (value == null)
        {
            throw new ArgumentNullException(nameof(value), "Null is written as a [value] length of -1, not serialized.");
        }

        (ConverterOf(type) ?? throw NoConverter(type)).Write(type, value, writer);
    }

    /// <summary>
    /// Deserializes the bytes of a non-null value. Empty bytes of a fixed-size type (which Cassandra allows) read as null.
    /// </summary>
    public static object? Deserialize(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var converter = ConverterOf(type);
        if (bytes.Length == 0 && (converter == null || converter.ReadsEmptyAsNull(type)))
        {
            return null;
        }

        return (converter ?? throw NoConverter(type)).Read(type, bytes);
    }

    private static ValueConverter? ConverterOf(CqlType type) => type.Code switch
    {
        CqlTypeCode.Ascii or CqlTypeCode.Varchar => TextConverter.Instance,
        CqlTypeCode.Blob or CqlTypeCode.Custom => BlobConverter.Instance,
        CqlTypeCode.Boolean => BooleanConverter.Instance,
        CqlTypeCode.Tinyint or CqlTypeCode.Smallint or CqlTypeCode.Int or CqlTypeCode.Bigint or CqlTypeCode.Counter
            or CqlTypeCode.Varint or CqlTypeCode.Float or CqlTypeCode.Double or CqlTypeCode.Decimal => NumberConverter.Instance,
        CqlTypeCode.Timestamp or CqlTypeCode.Date or CqlTypeCode.Time or CqlTypeCode.Duration => TemporalConverter.Instance,
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => UuidConverter.Instance,
        CqlTypeCode.Inet => InetConverter.Instance,
        CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map => CollectionConverter.Instance,
        CqlTypeCode.Tuple => TupleConverter.Instance,
        CqlTypeCode.Udt => UdtConverter.Instance,
        CqlTypeCode.Vector => VectorConverter.Instance,
        _ => null,
    };

    private static CqlCodecException NoConverter(CqlType type) => new($"No codec for type {type}.");
}
