using System;
using System.Buffers.Binary;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// Murmur3Partitioner tokens of serialized partition keys, as Cassandra computes them: the first 64-bit half of
/// MurmurHash3_x64_128 with seed 0, where Cassandra's tail bytes are sign-extended before they are shifted
/// (MurmurHash.hash3_x64_128 reads them as Java bytes); a hash of Long.MIN_VALUE becomes Long.MAX_VALUE
/// (Murmur3Partitioner.normalize) and the empty key has the minimum token.
/// </summary>
internal static class Tokens
{
    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    public static long Of(ReadOnlySpan<byte> key)
    {
        if (key.Length == 0) return long.MinValue;
        var h1 = (long)Hash(key);
        return h1 == long.MinValue ? long.MaxValue : h1;
    }

    /// <summary>h1 of MurmurHash3_x64_128(key, seed 0) with Cassandra's signed tail.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> key)
    {
        ulong h1 = 0, h2 = 0;
        var blocks = key.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));
            h1 ^= MixK1(k1);
            h1 = RotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= MixK2(k2);
            h2 = RotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        var tail = key.Slice(blocks * 16);
        ulong t1 = 0, t2 = 0;
        // Each tail byte enters sign-extended (a Java byte widened to long), then shifted into its lane.
        for (var i = tail.Length - 1; i >= 8; i--) t2 ^= (ulong)(long)(sbyte)tail[i] << ((i - 8) * 8);
        for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--) t1 ^= (ulong)(long)(sbyte)tail[i] << (i * 8);
        if (tail.Length > 8) h2 ^= MixK2(t2);
        if (tail.Length > 0) h1 ^= MixK1(t1);

        h1 ^= (ulong)key.Length;
        h2 ^= (ulong)key.Length;
        h1 += h2;
        h2 += h1;
        h1 = FinalMix(h1);
        h2 = FinalMix(h2);
        h1 += h2;
        return h1;
    }

    private static ulong MixK1(ulong k1) => RotateLeft(k1 * C1, 31) * C2;

    private static ulong MixK2(ulong k2) => RotateLeft(k2 * C2, 33) * C1;

    internal static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    internal static ulong FinalMix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
