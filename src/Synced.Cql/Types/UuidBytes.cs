using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Synced.Cql.Types;

/// <summary>
/// Converts between <see cref="Guid"/> and the 16 RFC 4122 (big-endian) bytes CQL uses. <see cref="Guid.ToByteArray"/>
/// stores the first three fields little-endian, so its bytes must never be sent as they are.
/// </summary>
internal static class UuidBytes
{
    /// <summary>Reads 16 big-endian bytes.</summary>
    public static Guid Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < 16)
        {
            throw new ArgumentException("A UUID is 16 bytes.", nameof(source));
        }

        return new Guid(
            BinaryPrimitives.ReadInt32BigEndian(source),
            BinaryPrimitives.ReadInt16BigEndian(source.Slice(4)),
            BinaryPrimitives.ReadInt16BigEndian(source.Slice(6)),
            source[8], source[9], source[10], source[11], source[12], source[13], source[14], source[15]);
    }

    /// <summary>Writes 16 big-endian bytes.</summary>
    public static void Write(Guid value, Span<byte> destination)
    {
        if (destination.Length < 16)
        {
            throw new ArgumentException("A UUID is 16 bytes.", nameof(destination));
        }

        // Guid's memory layout is (int, short, short, 8 bytes) in machine order; fix the three fields to big-endian.
        MemoryMarshal.Write(destination, ref value);
        if (BitConverter.IsLittleEndian)
        {
            destination.Slice(0, 4).Reverse();
            destination.Slice(4, 2).Reverse();
            destination.Slice(6, 2).Reverse();
        }
    }

    /// <summary>The 16 big-endian bytes as a new array.</summary>
    public static byte[] ToBytes(Guid value)
    {
        var bytes = new byte[16];
        Write(value, bytes);
        return bytes;
    }
}
