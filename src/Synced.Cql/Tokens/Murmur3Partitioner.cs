using System;
using System.Buffers.Binary;

namespace Synced.Cql.Tokens;

/// <summary>
/// Cassandra's Murmur3Partitioner: the token of a partition key is the first 64 bits of MurmurHash3_x64_128 (seed 0),
/// computed with Cassandra's sign-extended tail bytes; <see cref="long.MinValue"/> is reserved for the empty key.
/// </summary>
public static class Murmur3Partitioner
{
    /// <summary>The smallest token; owned by no real key (the ring's start).</summary>
    public const long MinToken = long.MinValue;

    /// <summary>The largest token.</summary>
    public const long MaxToken = long.MaxValue;

    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    /// <summary>The token of a serialized partition (routing) key.</summary>
    public static long GetToken(ReadOnlySpan<byte> key)
    {
        if (key.Length == 0)
        {
            return MinToken;
        }

        var h1 = Hash(key);
        return h1 == long.MinValue ? long.MaxValue : h1;
    }

    /// <summary>The token of a single <c>uuid</c> (or <c>timeuuid</c>) partition key: its 16 bytes in the protocol's order.</summary>
    public static long GetToken(Guid uuidKey)
    {
        Span<byte> bytes = stackalloc byte[16];
        Types.UuidBytes.Write(uuidKey, bytes);
        return GetToken(bytes);
    }

    /// <summary>The raw h1 of MurmurHash3_x64_128 with Cassandra's signed tail (no normalization, "" gives 0).</summary>
    public static long Hash(ReadOnlySpan<byte> key)
    {
        var length = key.Length;
        var blocks = length / 16;
        ulong h1 = 0;
        ulong h2 = 0;

        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(key.Slice(i * 16 + 8));

            k1 *= C1; k1 = RotateLeft(k1, 31); k1 *= C2; h1 ^= k1;
            h1 = RotateLeft(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;

            k2 *= C2; k2 = RotateLeft(k2, 33); k2 *= C1; h2 ^= k2;
            h2 = RotateLeft(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
        }

        var tail = key.Slice(blocks * 16);
        ulong t1 = 0;
        ulong t2 = 0;
        // Cassandra casts each tail byte to a signed long before shifting: bytes >= 0x80 sign-extend into higher bits.
        for (var i = tail.Length - 1; i >= 8; i--)
        {
            t2 ^= (ulong)(long)(sbyte)tail[i] << (8 * (i - 8));
        }

        if (tail.Length > 8)
        {
            t2 *= C2; t2 = RotateLeft(t2, 33); t2 *= C1; h2 ^= t2;
        }

        for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
        {
            t1 ^= (ulong)(long)(sbyte)tail[i] << (8 * i);
        }

        if (tail.Length > 0)
        {
            t1 *= C1; t1 = RotateLeft(t1, 31); t1 *= C2; h1 ^= t1;
        }

        h1 ^= (ulong)length;
        h2 ^= (ulong)length;
        h1 += h2;
        h2 += h1;
        h1 = Mix(h1);
        h2 = Mix(h2);
        h1 += h2;
        return (long)h1;
    }

    internal static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    internal static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
