using System;
using System.Collections.Generic;
using Synced.Cql.Tokens;

namespace Synced.Core.Comparison;

/// <summary>
/// The token ring (MinToken, MaxToken] cut into 2^<see cref="Bits"/> contiguous buckets of equal width: bucket
/// <c>b</c> holds the tokens <c>(MinToken + b·w, MinToken + (b+1)·w]</c>, the last one up to MaxToken. A bucket of
/// ids is then one token range Cassandra reads cheaply, and the bucket of an id is a shift of its token.
/// </summary>
public sealed class TokenBuckets
{
    /// <summary>Creates the buckets; <paramref name="bits"/> from 1 to 24.</summary>
    public TokenBuckets(int bits)
    {
        if (bits < 1 || bits > 24) throw new ArgumentOutOfRangeException(nameof(bits), bits, "between 1 and 24 bits of buckets");
        Bits = bits;
        Count = 1 << bits;
    }

    /// <summary>log2 of the bucket count.</summary>
    public int Bits { get; }

    /// <summary>Number of buckets.</summary>
    public int Count { get; }

    /// <summary>The bucket of a token (MinToken, which no real key has, falls in bucket 0).</summary>
    public int Of(long token)
    {
        // Distance above MinToken, minus one so that the (exclusive) start of bucket 0 maps below it.
        var offset = unchecked((ulong)(token - long.MinValue) - 1UL);
        return token == long.MinValue ? 0 : (int)(offset >> (64 - Bits));
    }

    /// <summary>The tokens of bucket <paramref name="bucket"/>, as a non-wrapping range.</summary>
    public TokenRange RangeOf(int bucket) => RangeOf(bucket, bucket);

    /// <summary>The tokens of the buckets <paramref name="first"/> to <paramref name="last"/> (inclusive), as one range.</summary>
    public TokenRange RangeOf(int first, int last)
    {
        if (first < 0 || last >= Count || first > last) throw new ArgumentOutOfRangeException(nameof(first), $"buckets {first}..{last} of {Count}");
        var width = 1UL << (64 - Bits);
        var start = unchecked(long.MinValue + (long)((ulong)first * width));
        var end = last == Count - 1 ? long.MaxValue : unchecked(long.MinValue + (long)((ulong)(last + 1) * width));
        return new TokenRange(start, end);
    }

    /// <summary>The token ranges of the chosen buckets, neighbours merged, in ring order.</summary>
    public IReadOnlyList<TokenRange> RangesOf(IReadOnlyList<bool> chosen)
    {
        var ranges = new List<TokenRange>();
        for (var b = 0; b < Count; b++)
        {
            if (!chosen[b]) continue;
            var last = b;
            while (last + 1 < Count && chosen[last + 1]) last++;
            ranges.Add(RangeOf(b, last));
            b = last;
        }
        return ranges;
    }
}
