using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types;

/// <summary>
/// Converts between CQL values (the bytes inside a [value], without its length) and .NET values:
/// ascii/text → string, bigint/counter → long, blob → byte[], boolean → bool, date → <see cref="CqlDate"/>,
/// decimal → <see cref="CqlDecimal"/>, double, float, duration → <see cref="CqlDuration"/>, inet → <see cref="IPAddress"/>,
/// int, smallint → short, tinyint → sbyte, time → <see cref="CqlTime"/>, timestamp → <see cref="DateTimeOffset"/> (UTC),
/// (or <see cref="CqlTimestamp"/> outside years 1..9999), uuid/timeuuid → <see cref="Guid"/>, varint → <see cref="BigInteger"/>, list/set → <see cref="List{T}"/> of object,
/// map → list of key/value pairs (order kept), tuple → object[], UDT → <see cref="CqlUdtValue"/>, custom → byte[].
/// Writing also accepts other .NET types where the conversion is exact (e.g. an int for a bigint column).
/// </summary>
public static class TypeCodec
{
    private static readonly DateTimeOffset UnixEpoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Serializes a non-null value into a new array.</summary>
    public static byte[] Serialize(CqlType type, object value)
    {
        using var writer = new FrameWriter(64);
        Serialize(type, value, writer);
        return writer.ToArray();
    }

    /// <summary>Serializes a non-null value (no length prefix) at the writer's position.</summary>
    public static void Serialize(CqlType type, object value, FrameWriter writer)
    {
        if (value == null)
        {
            throw new ArgumentNullException(nameof(value), "Null is written as a [value] length of -1, not serialized.");
        }

        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
            {
                var text = value as string ?? throw WrongType(type, value);
                foreach (var c in text)
                {
                    if (c > 0x7F)
                    {
                        throw new CqlCodecException($"The ascii value contains the non-ASCII character U+{(int)c:X4}; use a text column.");
                    }
                }

                writer.WriteUtf8(text);
                return;
            }

            case CqlTypeCode.Varchar:
                writer.WriteUtf8(value as string ?? throw WrongType(type, value));
                return;
            case CqlTypeCode.Blob:
            case CqlTypeCode.Custom:
                writer.WriteRaw(ToBytes(type, value));
                return;
            case CqlTypeCode.Boolean:
                writer.WriteByte(value is bool b ? (b ? (byte)1 : (byte)0) : throw WrongType(type, value));
                return;
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                writer.WriteLong(ToInt64(type, value, long.MinValue, long.MaxValue));
                return;
            case CqlTypeCode.Int:
                writer.WriteInt((int)ToInt64(type, value, int.MinValue, int.MaxValue));
                return;
            case CqlTypeCode.Smallint:
                writer.WriteShort(unchecked((ushort)(short)ToInt64(type, value, short.MinValue, short.MaxValue)));
                return;
            case CqlTypeCode.Tinyint:
                writer.WriteByte(unchecked((byte)(sbyte)ToInt64(type, value, sbyte.MinValue, sbyte.MaxValue)));
                return;
            case CqlTypeCode.Float:
                writer.WriteInt(SingleToBits(ToSingle(type, value)));
                return;
            case CqlTypeCode.Double:
                writer.WriteLong(BitConverter.DoubleToInt64Bits(ToDouble(type, value)));
                return;
            case CqlTypeCode.Timestamp:
                writer.WriteLong(ToUnixMilliseconds(type, value));
                return;
            case CqlTypeCode.Date:
                writer.WriteInt(unchecked((int)ToDate(type, value).Raw));
                return;
            case CqlTypeCode.Time:
                writer.WriteLong(ToTime(type, value).Nanoseconds);
                return;
            case CqlTypeCode.Uuid:
                writer.WriteUuid(value is Guid g ? g : throw WrongType(type, value));
                return;
            case CqlTypeCode.Timeuuid:
            {
                var guid = value is Guid t ? t : throw WrongType(type, value);
                if (TimeUuid.GetVersion(guid) != 1)
                {
                    throw new CqlCodecException($"{guid} is a version {TimeUuid.GetVersion(guid)} UUID; a timeuuid column needs version 1.");
                }

                writer.WriteUuid(guid);
                return;
            }

            case CqlTypeCode.Varint:
                WriteVarint(writer, ToBigInteger(type, value));
                return;
            case CqlTypeCode.Decimal:
            {
                var decimalValue = ToCqlDecimal(type, value);
                writer.WriteInt(decimalValue.Scale);
                WriteVarint(writer, decimalValue.Unscaled);
                return;
            }

            case CqlTypeCode.Inet:
                writer.WriteRaw((value as IPAddress ?? throw WrongType(type, value)).GetAddressBytes());
                return;
            case CqlTypeCode.Duration:
            {
                var duration = value is CqlDuration d ? d
                    : value is TimeSpan span ? CqlDuration.FromTimeSpan(span)
                    : throw WrongType(type, value);
                var room = writer.GetSpan(3 * VInt.MaxSize);
                var size = VInt.WriteSigned(duration.Months, room);
                size += VInt.WriteSigned(duration.Days, room.Slice(size));
                size += VInt.WriteSigned(duration.Nanoseconds, room.Slice(size));
                writer.Advance(size);
                return;
            }

            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                WriteCollection(type, value, writer);
                return;
            case CqlTypeCode.Map:
                WriteMap(type, value, writer);
                return;
            case CqlTypeCode.Tuple:
                WriteTuple(type, value, writer);
                return;
            case CqlTypeCode.Udt:
                WriteUdt(type, value, writer);
                return;
            case CqlTypeCode.Vector:
                WriteVector(type, value, writer);
                return;
            default:
                throw new CqlCodecException($"No codec for type {type}.");
        }
    }

    /// <summary>
    /// Deserializes the bytes of a non-null value. Empty bytes of a fixed-size type (which Cassandra allows) read as null.
    /// </summary>
    public static object? Deserialize(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        switch (type.Code)
        {
            case CqlTypeCode.Ascii:
            case CqlTypeCode.Varchar:
                return FrameReader.Decode(bytes);
            case CqlTypeCode.Blob:
            case CqlTypeCode.Custom:
                return span.ToArray();
        }

        if (span.Length == 0 && type.Code != CqlTypeCode.Varint)
        {
            return null;
        }

        switch (type.Code)
        {
            case CqlTypeCode.Boolean:
                Expect(type, span, 1);
                return span[0] != 0;
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                Expect(type, span, 8);
                return BinaryPrimitives.ReadInt64BigEndian(span);
            case CqlTypeCode.Int:
                Expect(type, span, 4);
                return BinaryPrimitives.ReadInt32BigEndian(span);
            case CqlTypeCode.Smallint:
                Expect(type, span, 2);
                return BinaryPrimitives.ReadInt16BigEndian(span);
            case CqlTypeCode.Tinyint:
                Expect(type, span, 1);
                return unchecked((sbyte)span[0]);
            case CqlTypeCode.Float:
                Expect(type, span, 4);
                return BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(span));
            case CqlTypeCode.Double:
                Expect(type, span, 8);
                return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(span));
            case CqlTypeCode.Timestamp:
            {
                Expect(type, span, 8);
                var milliseconds = BinaryPrimitives.ReadInt64BigEndian(span);
                return milliseconds >= MinTimestampMilliseconds && milliseconds <= MaxTimestampMilliseconds
                    ? TimestampFromMilliseconds(milliseconds)
                    : new CqlTimestamp(milliseconds);
            }
            case CqlTypeCode.Date:
                Expect(type, span, 4);
                return new CqlDate(BinaryPrimitives.ReadUInt32BigEndian(span));
            case CqlTypeCode.Time:
                Expect(type, span, 8);
                return new CqlTime(BinaryPrimitives.ReadInt64BigEndian(span));
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
                Expect(type, span, 16);
                return UuidBytes.Read(span);
            case CqlTypeCode.Varint:
                return ReadVarint(span);
            case CqlTypeCode.Decimal:
                if (span.Length < 4)
                {
                    throw new CqlCodecException($"A decimal needs at least 4 bytes of scale; got {span.Length}.");
                }

                return new CqlDecimal(ReadVarint(span.Slice(4)), BinaryPrimitives.ReadInt32BigEndian(span));
            case CqlTypeCode.Inet:
                if (span.Length != 4 && span.Length != 16)
                {
                    throw new CqlCodecException($"An inet value is 4 or 16 bytes; got {span.Length}.");
                }

                return new IPAddress(span.ToArray());
            case CqlTypeCode.Duration:
            {
                var offset = VInt.ReadSigned(span, out var months);
                offset += VInt.ReadSigned(span.Slice(offset), out var days);
                offset += VInt.ReadSigned(span.Slice(offset), out var nanos);
                if (offset != span.Length || months < int.MinValue || months > int.MaxValue || days < int.MinValue || days > int.MaxValue)
                {
                    throw new CqlCodecException("A duration value is malformed (three vints: months, days, nanoseconds).");
                }

                try
                {
                    return new CqlDuration((int)months, (int)days, nanos);
                }
                catch (ArgumentException ex)
                {
                    throw new CqlCodecException(ex.Message, ex);
                }
            }

            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                return ReadCollection(type, bytes);
            case CqlTypeCode.Map:
                return ReadMap(type, bytes);
            case CqlTypeCode.Tuple:
                return ReadTuple(type, bytes);
            case CqlTypeCode.Udt:
                return ReadUdt(type, bytes);
            case CqlTypeCode.Vector:
                return ReadVector(type, bytes);
            default:
                throw new CqlCodecException($"No codec for type {type}.");
        }
    }

    /// <summary>0001-01-01T00:00:00Z, the first millisecond a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MinTimestampMilliseconds = -62135596800000L;

    /// <summary>9999-12-31T23:59:59.999Z, the last millisecond a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MaxTimestampMilliseconds = 253402300799999L;

    /// <summary>A timestamp from milliseconds since the Unix epoch (UTC offset).</summary>
    public static DateTimeOffset TimestampFromMilliseconds(long milliseconds)
    {
        if (milliseconds < MinTimestampMilliseconds || milliseconds > MaxTimestampMilliseconds)
        {
            throw new CqlCodecException($"The timestamp {milliseconds} ms since 1970 is outside the range of DateTimeOffset (years 1 to 9999).");
        }

        return UnixEpoch.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Milliseconds since the Unix epoch, truncated toward negative infinity as Java does.</summary>
    public static long ToUnixMilliseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - UnixEpoch.UtcTicks;
        var ms = ticks / TimeSpan.TicksPerMillisecond;
        if (ticks % TimeSpan.TicksPerMillisecond < 0)
        {
            ms--;
        }

        return ms;
    }

    /// <summary>Minimal big-endian two's complement bytes of an integer.</summary>
    public static void WriteVarint(FrameWriter writer, BigInteger value)
    {
        var littleEndian = value.ToByteArray();
        var room = writer.GetSpan(littleEndian.Length);
        for (var i = 0; i < littleEndian.Length; i++)
        {
            room[i] = littleEndian[littleEndian.Length - 1 - i];
        }

        writer.Advance(littleEndian.Length);
    }

    /// <summary>Reads big-endian two's complement bytes; empty is zero.</summary>
    public static BigInteger ReadVarint(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return BigInteger.Zero;
        }

        if (bytes.Length <= 8)
        {
            long value = (sbyte)bytes[0];
            for (var i = 1; i < bytes.Length; i++)
            {
                value = (value << 8) | bytes[i];
            }

            return value;
        }

        var littleEndian = new byte[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            littleEndian[i] = bytes[bytes.Length - 1 - i];
        }

        return new BigInteger(littleEndian);
    }

    internal static float BitsToSingle(int bits)
    {
        Span<byte> scratch = stackalloc byte[4];
        MemoryMarshal.Write(scratch, ref bits);
        return MemoryMarshal.Read<float>(scratch);
    }

    internal static int SingleToBits(float value)
    {
        Span<byte> scratch = stackalloc byte[4];
        MemoryMarshal.Write(scratch, ref value);
        return MemoryMarshal.Read<int>(scratch);
    }

    private static void WriteCollection(CqlType type, object value, FrameWriter writer)
    {
        if (value is string || value is byte[] || !(value is IEnumerable items))
        {
            throw WrongType(type, value);
        }

        var element = type.ElementType;
        var countAt = writer.Length;
        writer.WriteInt(0);
        var count = 0;
        foreach (var item in items)
        {
            WriteElement(type, element, item, writer);
            count++;
        }

        writer.PatchInt(countAt, count);
    }

    private static void WriteElement(CqlType collection, CqlType element, object? item, FrameWriter writer)
    {
        if (item == null || item is CqlUnset)
        {
            throw new CqlCodecException($"A {collection} cannot contain null or unset elements.");
        }

        writer.WriteValue(element, item);
    }

    private static void WriteMap(CqlType type, object value, FrameWriter writer)
    {
        var countAt = writer.Length;
        writer.WriteInt(0);
        var count = 0;
        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    WriteElement(type, type.KeyType, entry.Key, writer);
                    WriteElement(type, type.ValueType, entry.Value, writer);
                    count++;
                }

                break;
            case IEnumerable<KeyValuePair<object?, object?>> pairs:
                foreach (var pair in pairs)
                {
                    WriteElement(type, type.KeyType, pair.Key, writer);
                    WriteElement(type, type.ValueType, pair.Value, writer);
                    count++;
                }

                break;
            case IEnumerable other when !(value is string):
                foreach (var item in other)
                {
                    if (item == null || !IsKeyValuePair(item.GetType()))
                    {
                        throw WrongType(type, value);
                    }

                    var pairType = item.GetType();
                    WriteElement(type, type.KeyType, pairType.GetProperty("Key")!.GetValue(item), writer);
                    WriteElement(type, type.ValueType, pairType.GetProperty("Value")!.GetValue(item), writer);
                    count++;
                }

                break;
            default:
                throw WrongType(type, value);
        }

        writer.PatchInt(countAt, count);
    }

    private static bool IsKeyValuePair(Type type)
        => type.GetTypeInfo().IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);

    private static void WriteTuple(CqlType type, object value, FrameWriter writer)
    {
        if (!(value is IList items) || value is byte[])
        {
            throw WrongType(type, value);
        }

        if (items.Count > type.Parameters.Count)
        {
            throw new CqlCodecException($"A {type} has {type.Parameters.Count} components; {items.Count} values were given.");
        }

        for (var i = 0; i < type.Parameters.Count; i++)
        {
            writer.WriteValue(type.Parameters[i], i < items.Count ? items[i] : null);
        }
    }

    private static void WriteUdt(CqlType type, object value, FrameWriter writer)
    {
        var values = new object?[type.Fields.Count];
        void Set(string name, object? fieldValue)
        {
            var index = type.IndexOfField(name);
            if (index < 0)
            {
                throw new CqlCodecException($"The type {type.Name} has no field '{name}'.");
            }

            values[index] = fieldValue;
        }

        switch (value)
        {
            case CqlUdtValue udt:
                foreach (var field in udt)
                {
                    Set(field.Key, field.Value);
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                foreach (var field in fields)
                {
                    Set(field.Key, field.Value);
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Set(entry.Key as string ?? throw WrongType(type, value), entry.Value);
                }

                break;
            default:
                throw WrongType(type, value);
        }

        for (var i = 0; i < values.Length; i++)
        {
            writer.WriteValue(type.Fields[i].Type, values[i]);
        }
    }

    /// <summary>
    /// A vector: exactly <see cref="CqlType.Dimensions"/> non-null elements, one after the other; elements of a
    /// fixed-size type without a length, others each after its length as an unsigned vint (Cassandra's VectorType).
    /// </summary>
    private static void WriteVector(CqlType type, object value, FrameWriter writer)
    {
        if (value is string || value is byte[] || !(value is IEnumerable items))
        {
            throw WrongType(type, value);
        }

        var element = type.ElementType;
        var fixedSize = element.FixedSize;
        var count = 0;
        foreach (var item in items)
        {
            if (item == null || item is CqlUnset)
            {
                throw new CqlCodecException($"Element {count} of a {type} is null; a vector holds no null elements.");
            }

            var bytes = Serialize(element, item);
            if (fixedSize is int size)
            {
                if (bytes.Length != size)
                {
                    throw new CqlCodecException($"Element {count} of a {type} is {bytes.Length} bytes; a {element} is {size}.");
                }
            }
            else
            {
                var room = writer.GetSpan(VInt.MaxSize);
                writer.Advance(VInt.WriteUnsigned((ulong)bytes.Length, room));
            }

            writer.WriteRaw(bytes);
            count++;
        }

        if (count != type.Dimensions)
        {
            throw new CqlCodecException($"A {type} has exactly {type.Dimensions} elements; the value has {count}.");
        }
    }

    /// <summary>A vector as float[] (vector&lt;float, n&gt;) or a list of its elements.</summary>
    private static object ReadVector(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var element = type.ElementType;
        var fixedSize = element.FixedSize;
        var span = bytes.Span;
        if (fixedSize is int size && span.Length != size * type.Dimensions)
        {
            throw new CqlCodecException($"A {type} value is {size * type.Dimensions} bytes; got {span.Length}.");
        }

        if (element.Code == CqlTypeCode.Float)
        {
            var floats = new float[type.Dimensions];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(span.Slice(4 * i)));
            }

            return floats;
        }

        var list = new List<object?>(type.Dimensions);
        var position = 0;
        for (var i = 0; i < type.Dimensions; i++)
        {
            int length;
            if (fixedSize is int elementSize)
            {
                length = elementSize;
            }
            else
            {
                int read;
                ulong declared;
                try
                {
                    read = VInt.ReadUnsigned(span.Slice(position), out declared);
                }
                catch (Exception ex) when (ex is ArgumentException || ex is IndexOutOfRangeException || ex is CqlCodecException)
                {
                    throw new CqlCodecException($"Element {i} of a {type} value has a malformed length.", ex);
                }

                position += read;
                if (declared > (ulong)(span.Length - position))
                {
                    throw new CqlCodecException($"Element {i} of a {type} value claims {declared} bytes; {span.Length - position} remain.");
                }

                length = (int)declared;
            }

            list.Add(Deserialize(element, bytes.Slice(position, length)));
            position += length;
        }

        if (position != span.Length)
        {
            throw new CqlCodecException($"A {type} value has {span.Length - position} bytes left over after its {type.Dimensions} elements.");
        }

        return list;
    }

    private static List<object?> ReadCollection(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var count = ReadCount(type, ref reader);
        var list = new List<object?>(Math.Min(count, 4096));
        var element = type.ElementType;
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadElement(element, ref reader));
        }

        RequireEnd(type, ref reader);
        return list;
    }

    private static List<KeyValuePair<object?, object?>> ReadMap(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var count = ReadCount(type, ref reader);
        var pairs = new List<KeyValuePair<object?, object?>>(Math.Min(count, 4096));
        for (var i = 0; i < count; i++)
        {
            var key = ReadElement(type.KeyType, ref reader);
            var value = ReadElement(type.ValueType, ref reader);
            pairs.Add(new KeyValuePair<object?, object?>(key, value));
        }

        RequireEnd(type, ref reader);
        return pairs;
    }

    private static object?[] ReadTuple(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var values = new object?[type.Parameters.Count];
        for (var i = 0; i < values.Length && reader.Remaining > 0; i++)
        {
            values[i] = ReadElement(type.Parameters[i], ref reader);
        }

        RequireEnd(type, ref reader);
        return values;
    }

    private static CqlUdtValue ReadUdt(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var value = new CqlUdtValue(type);
        for (var i = 0; i < type.Fields.Count && reader.Remaining > 0; i++)
        {
            value.SetValue(i, ReadElement(type.Fields[i].Type, ref reader));
        }

        RequireEnd(type, ref reader);
        return value;
    }

    private static object? ReadElement(CqlType type, ref FrameReader reader)
    {
        int length;
        ReadOnlyMemory<byte> element;
        try
        {
            length = reader.ReadBytesSlice(out element);
        }
        catch (CqlProtocolException ex)
        {
            throw new CqlCodecException($"A {type} element is malformed: {ex.Message}", ex);
        }

        return length < 0 ? null : Deserialize(type, element);
    }

    private static int ReadCount(CqlType type, ref FrameReader reader)
    {
        var count = reader.Remaining >= 4 ? reader.ReadInt() : -1;
        if (count < 0 || count > reader.Remaining / 4)
        {
            throw new CqlCodecException($"A {type} value has a bad element count.");
        }

        return count;
    }

    private static void RequireEnd(CqlType type, ref FrameReader reader)
    {
        if (reader.Remaining != 0)
        {
            throw new CqlCodecException($"A {type} value has {reader.Remaining} bytes left over after its elements.");
        }
    }

    private static void Expect(CqlType type, ReadOnlySpan<byte> span, int size)
    {
        if (span.Length != size)
        {
            throw new CqlCodecException($"A {type} value is {size} bytes; got {span.Length}.");
        }
    }

    private static CqlCodecException WrongType(CqlType type, object value)
        => new($"Cannot write a {value.GetType().FullName} value as CQL type {type}.");

    private static ReadOnlySpan<byte> ToBytes(CqlType type, object value)
    {
        switch (value)
        {
            case byte[] array: return array;
            case ReadOnlyMemory<byte> memory: return memory.Span;
            case Memory<byte> memory: return memory.Span;
            case ArraySegment<byte> segment: return new ReadOnlySpan<byte>(segment.Array, segment.Offset, segment.Count);
            default: throw WrongType(type, value);
        }
    }

    private static long ToInt64(CqlType type, object value, long min, long max)
    {
        long result;
        switch (value)
        {
            case int v: result = v; break;
            case long v: result = v; break;
            case short v: result = v; break;
            case sbyte v: result = v; break;
            case byte v: result = v; break;
            case ushort v: result = v; break;
            case uint v: result = v; break;
            case ulong v when v <= long.MaxValue: result = (long)v; break;
            case BigInteger v when v >= long.MinValue && v <= long.MaxValue: result = (long)v; break;
            case ulong _:
            case BigInteger _:
                throw OutOfRange(type, value);
            default: throw WrongType(type, value);
        }

        if (result < min || result > max)
        {
            throw OutOfRange(type, value);
        }

        return result;
    }

    private static CqlCodecException OutOfRange(CqlType type, object value)
        => new($"The value {value} is out of range for CQL type {type}.");

    private static float ToSingle(CqlType type, object value)
    {
        switch (value)
        {
            case float f: return f;
            case double d when (double)(float)d == d || double.IsNaN(d): return (float)d;
            case int _:
            case short _:
            case sbyte _:
            case byte _:
            case ushort _:
            {
                var integer = ToInt64(type, value, long.MinValue, long.MaxValue);
                if (Math.Abs(integer) > (1 << 24))
                {
                    throw OutOfRange(type, value);
                }

                return integer;
            }

            case double _: throw new CqlCodecException($"The double {value} cannot be written exactly as a float.");
            default: throw WrongType(type, value);
        }
    }

    private static double ToDouble(CqlType type, object value)
    {
        switch (value)
        {
            case double d: return d;
            case float f: return f;
            case int i: return i;
            case short s: return s;
            case sbyte sb: return sb;
            case byte b: return b;
            case ushort us: return us;
            case uint ui: return ui;
            case long l when Math.Abs(l) <= (1L << 53): return l;
            case long _: throw OutOfRange(type, value);
            default: throw WrongType(type, value);
        }
    }

    private static long ToUnixMilliseconds(CqlType type, object value)
    {
        switch (value)
        {
            case DateTimeOffset offset: return ToUnixMilliseconds(offset);
            case DateTime dateTime:
                // An unspecified kind is taken as UTC: database code rarely means "local" without saying so.
                return ToUnixMilliseconds(dateTime.Kind == DateTimeKind.Local
                    ? new DateTimeOffset(dateTime)
                    : new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));
            case long ms: return ms;
            case CqlTimestamp timestamp: return timestamp.Milliseconds;
            default: throw WrongType(type, value);
        }
    }

    private static CqlDate ToDate(CqlType type, object value)
    {
        switch (value)
        {
            case CqlDate date: return date;
            case DateTime dateTime: return CqlDate.FromDateTime(dateTime);
            case DateTimeOffset offset: return CqlDate.FromDateTime(offset.UtcDateTime);
            default: throw WrongType(type, value);
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
                case long nanos: return new CqlTime(nanos);
                default: throw WrongType(type, value);
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CqlCodecException($"The value {value} is not a time of day: {ex.Message}", ex);
        }
    }

    private static BigInteger ToBigInteger(CqlType type, object value)
    {
        switch (value)
        {
            case BigInteger big: return big;
            case ulong u: return u;
            case decimal d when decimal.Truncate(d) == d: return new BigInteger(d);
            default: return ToInt64(type, value, long.MinValue, long.MaxValue);
        }
    }

    private static CqlDecimal ToCqlDecimal(CqlType type, object value)
    {
        switch (value)
        {
            case CqlDecimal d: return d;
            case decimal d: return CqlDecimal.FromDecimal(d);
            case BigInteger big: return new CqlDecimal(big, 0);
            case ulong u: return new CqlDecimal(u, 0);
            default: return new CqlDecimal(ToInt64(type, value, long.MinValue, long.MaxValue), 0);
        }
    }
}
