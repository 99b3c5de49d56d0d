using System;

namespace Synced.Cql.Types;

/// <summary>
/// Cassandra's variable-length integers (used inside <c>duration</c>): the number of leading 1-bits of the first
/// byte is the number of extra bytes (0..8); signed values are zig-zag encoded first.
/// </summary>
internal static class VInt
{
    /// <summary>Largest encoded size.</summary>
    public const int MaxSize = 9;

    /// <summary>Bytes needed for an unsigned value.</summary>
    public static int UnsignedSize(ulong value)
    {
        var magnitude = LeadingZeros(value | 1);
        return (639 - magnitude * 9) >> 6;
    }

    /// <summary>Writes an unsigned vint; returns the bytes written.</summary>
    public static int WriteUnsigned(ulong value, Span<byte> destination)
    {
        var size = UnsignedSize(value);
        if (destination.Length < size)
        {
            throw new ArgumentException("Destination too small for the vint.", nameof(destination));
        }

        if (size == MaxSize)
        {
            destination[0] = 0xFF;
            for (var i = 1; i < 9; i++)
            {
                destination[i] = (byte)(value >> (8 * (8 - i)));
            }

            return size;
        }

        var extra = size - 1;
        for (var i = size - 1; i >= 1; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }

        destination[0] = (byte)((0xFF << (8 - extra)) | (int)value);
        return size;
    }

    /// <summary>Writes a zig-zag signed vint; returns the bytes written.</summary>
    public static int WriteSigned(long value, Span<byte> destination)
        => WriteUnsigned(ZigZag(value), destination);

    /// <summary>Reads an unsigned vint; returns the bytes consumed.</summary>
    public static int ReadUnsigned(ReadOnlySpan<byte> source, out ulong value)
    {
        if (source.Length == 0)
        {
            throw new CqlCodecException("A vint needs at least one byte.");
        }

        var first = source[0];
        var extra = LeadingOnes(first);
        if (source.Length < extra + 1)
        {
            throw new CqlCodecException($"A vint announces {extra} extra bytes but only {source.Length - 1} remain.");
        }

        value = extra == 8 ? 0UL : (ulong)(first & (0xFF >> extra));
        for (var i = 1; i <= extra; i++)
        {
            value = (value << 8) | source[i];
        }

        return extra + 1;
    }

    /// <summary>Reads a zig-zag signed vint; returns the bytes consumed.</summary>
    public static int ReadSigned(ReadOnlySpan<byte> source, out long value)
    {
        var size = ReadUnsigned(source, out var raw);
        value = UnZigZag(raw);
        return size;
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int LeadingOnes(byte value)
    {
        var count = 0;
        while (count < 8 && (value & (0x80 >> count)) != 0)
        {
            count++;
        }

        return count;
    }

    private static int LeadingZeros(ulong value)
    {
        var count = 0;
        for (var bit = 63; bit >= 0 && (value & (1UL << bit)) == 0; bit--)
        {
            count++;
        }

        return count;
    }
}
