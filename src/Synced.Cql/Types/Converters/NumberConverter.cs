using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// The numbers: tinyint → <see cref="sbyte"/>, smallint → <see cref="short"/>, int, bigint and counter →
/// <see cref="long"/>, varint → <see cref="BigInteger"/>, float, double, decimal → <see cref="CqlDecimal"/>.
/// Writing takes any .NET number that the column holds exactly (an int for a bigint, a whole decimal for a varint,
/// a double that is a float for a float); anything else is refused, never rounded or wrapped.
/// </summary>
internal sealed class NumberConverter : ValueConverter
{
    public static readonly NumberConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        switch (type.Code)
        {
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

            default:
                throw new InvalidOperationException($"{type} is not a number type.");
        }
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        switch (type.Code)
        {
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
            case CqlTypeCode.Varint:
                return ReadVarint(span);
            case CqlTypeCode.Decimal:
                if (span.Length < 4)
                {
                    throw new CqlCodecException($"A decimal needs at least 4 bytes of scale; got {span.Length}.");
                }

                return new CqlDecimal(ReadVarint(span.Slice(4)), BinaryPrimitives.ReadInt32BigEndian(span));
            default:
                throw new InvalidOperationException($"{type} is not a number type.");
        }
    }

    /// <summary>Empty bytes are a varint's zero; for the fixed-size numbers they are null.</summary>
    public override bool ReadsEmptyAsNull(CqlType type) => type.Code != CqlTypeCode.Varint;

    /// <summary>The float whose IEEE 754 bits these are (netstandard2.0 lacks BitConverter.Int32BitsToSingle).</summary>
    internal static float BitsToSingle(int bits)
    {
        Span<byte> scratch = stackalloc byte[4];
        MemoryMarshal.Write(scratch, ref bits);
        return MemoryMarshal.Read<float>(scratch);
    }

    private static int SingleToBits(float value)
    {
        Span<byte> scratch = stackalloc byte[4];
        MemoryMarshal.Write(scratch, ref value);
        return MemoryMarshal.Read<int>(scratch);
    }

    /// <summary>Minimal big-endian two's complement bytes of an integer.</summary>
    private static void WriteVarint(FrameWriter writer, BigInteger value)
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
    private static BigInteger ReadVarint(ReadOnlySpan<byte> bytes)
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
