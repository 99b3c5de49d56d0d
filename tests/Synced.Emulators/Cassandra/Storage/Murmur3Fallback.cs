using System;
using System.Buffers.Binary;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>Temporary Murmur3Partitioner token (h1 of MurmurHash3_x64_128 with Cassandra's signed tail bytes).</summary>
internal static class Murmur3Fallback
{
    public static long Token(ReadOnlySpan<byte> key)
    {
        if (key.Length == 0) return long.MinValue;
        const ulong c1 = 0x87c37b91114253d5UL, c2 = 0x4cf5ad432745937fUL;
        ulong h1 = 0, h2 = 0;
        var blocks = key.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));
            k1 *= c1; k1 = Rotl(k1, 31); k1 *= c2; h1 ^= k1;
            h1 = Rotl(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
            k2 *= c2; k2 = Rotl(k2, 33); k2 *= c1; h2 ^= k2;
            h2 = Rotl(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
        }
        var tail = key.Slice(blocks * 16);
        ulong t1 = 0, t2 = 0;
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            // Cassandra reads tail bytes as signed Java bytes: sign extension leaks into higher bits.
            var b = (ulong)(long)(sbyte)tail[i];
            if (i >= 8) t2 ^= b << ((i - 8) * 8);
            else t1 ^= b << (i * 8);
        }
        if (tail.Length > 8) { t2 *= c2; t2 = Rotl(t2, 33); t2 *= c1; h2 ^= t2; }
        if (tail.Length > 0) { t1 *= c1; t1 = Rotl(t1, 31); t1 *= c2; h1 ^= t1; }
        h1 ^= (ulong)key.Length; h2 ^= (ulong)key.Length;
        h1 += h2; h2 += h1;
        h1 = Fmix(h1); h2 = Fmix(h2);
        h1 += h2;
        var token = (long)h1;
        return token == long.MinValue ? long.MaxValue : token;
    }

    private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));

    private static ulong Fmix(ulong k)
    {
        k ^= k >> 33; k *= 0xff51afd7ed558ccdUL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53UL; k ^= k >> 33;
        return k;
    }
}
