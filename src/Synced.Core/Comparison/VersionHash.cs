using System;
using System.Runtime.InteropServices;

namespace Synced.Core.Comparison;

/// <summary>
/// A seeded 64-bit mix of (id, tmstmp in milliseconds): the unit of every digest a comparison adds up. The seed is
/// random per comparison, so no data can be made to collide on purpose; two different versions give the same
/// value with probability 2^-64.
/// </summary>
internal readonly struct VersionHash
{
    private readonly ulong _seed;

    public VersionHash(ulong seed) => _seed = seed;

    /// <summary>A seed from the system's random source.</summary>
    public static ulong RandomSeed()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return BitConverter.ToUInt64(bytes, 0) ^ BitConverter.ToUInt64(bytes, 8);
    }

    /// <summary>The two 64-bit halves of an id (its in-memory bytes; any fixed split would do).</summary>
    public static (ulong Low, ulong High) Halves(Guid id)
    {
        Span<Guid> one = stackalloc Guid[1];
        one[0] = id;
        var words = MemoryMarshal.Cast<Guid, ulong>(one);
        return (words[0], words[1]);
    }

    /// <summary>The id whose halves are <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static Guid FromHalves(ulong low, ulong high)
    {
        Span<ulong> words = stackalloc ulong[2];
        words[0] = low;
        words[1] = high;
        return MemoryMarshal.Cast<ulong, Guid>(words)[0];
    }

    public ulong Of(ulong low, ulong high, long milliseconds)
    {
        var h = Mix(low ^ _seed);
        h = Mix(h ^ high);
        return Mix(h ^ (ulong)milliseconds ^ 0x9E3779B97F4A7C15UL);
    }

    /// <summary>A derived value for another purpose (cell positions), independent of <see cref="Of"/>'s check role.</summary>
    public static ulong Derive(ulong hash, int salt) => Mix(hash + 0xD6E8FEB86659FD93UL * (ulong)(salt + 1));

    // The finalizer of MurmurHash3 (fmix64): every input bit affects every output bit.
    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
