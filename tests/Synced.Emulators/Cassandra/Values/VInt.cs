using System;
using System.IO;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// Cassandra's variable-length integers (VIntCoding): an unsigned vint's first byte starts with as many 1-bits as
/// extra bytes follow (at most 8), the value is big-endian in the remaining bits; a signed vint is zig-zag encoded
/// first. Used by duration values and by the element lengths of vectors of variable-length types.
/// </summary>
internal static class VInt
{
    public static void WriteUnsigned(Stream s, ulong v)
    {
        var extra = 0;
        while (extra < 8 && (v >> (7 * (extra + 1))) != 0) extra++;
        Span<byte> buf = stackalloc byte[9];
        for (var i = extra; i >= 0; i--)
        {
            buf[i] = (byte)v;
            v >>= 8;
        }
        buf[0] = extra < 8 ? (byte)(buf[0] | (byte)(0xFF << (8 - extra))) : (byte)0xFF;
        s.Write(buf.Slice(0, extra + 1));
    }

    public static void WriteSigned(Stream s, long value) => WriteUnsigned(s, (ulong)((value << 1) ^ (value >> 63)));

    public static ulong ReadUnsigned(ReadOnlySpan<byte> bytes, ref int pos)
    {
        if (pos >= bytes.Length) throw new FormatException("A vint is missing");
        var first = bytes[pos++];
        var extra = 0;
        while (extra < 8 && (first & (0x80 >> extra)) != 0) extra++;
        if (pos + extra > bytes.Length) throw new FormatException("A vint is truncated");
        var v = extra == 8 ? 0 : (ulong)(first & (0xFF >> (extra + 1)));
        for (var i = 0; i < extra; i++) v = (v << 8) | bytes[pos++];
        return v;
    }

    public static long ReadSigned(ReadOnlySpan<byte> bytes, ref int pos)
    {
        var v = ReadUnsigned(bytes, ref pos);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
