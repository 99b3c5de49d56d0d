using System;
using System.Collections.Generic;
using System.Numerics;

namespace Synced.Cql.Tokens;

/// <summary>
/// A range of Murmur3 tokens, start exclusive and end inclusive: <c>(Start, End]</c>, as Cassandra defines ranges.
/// When <see cref="Start"/> &gt; <see cref="End"/> the range wraps around the end of the ring; when they are equal it
/// is the whole ring. Scan a range with <c>token(pk) &gt; Start AND token(pk) &lt;= End</c> after <see cref="Unwrap"/>.
/// </summary>
public readonly struct TokenRange : IEquatable<TokenRange>
{
    private static readonly BigInteger RingSize = BigInteger.One << 64;

    public TokenRange(long start, long end)
    {
        Start = start;
        End = end;
    }

    /// <summary>Exclusive lower bound.</summary>
    public long Start { get; }

    /// <summary>Inclusive upper bound.</summary>
    public long End { get; }

    /// <summary>Every token a real key can have: (MinToken, MaxToken]. (MinToken belongs to the empty key only.)</summary>
    public static TokenRange FullRing => new(Murmur3Partitioner.MinToken, Murmur3Partitioner.MaxToken);

    /// <summary>True when the range crosses the end of the ring.</summary>
    public bool IsWrapAround => Start > End;

    /// <summary>True for (t, t], which Cassandra reads as the whole ring.</summary>
    public bool IsWholeRing => Start == End;

    /// <summary>Number of tokens in the range.</summary>
    public BigInteger Width => IsWholeRing ? RingSize : ((BigInteger)End - Start + RingSize) % RingSize;

    /// <summary>True when <paramref name="token"/> is in the range.</summary>
    public bool Contains(long token)
    {
        if (IsWholeRing)
        {
            return true;
        }

        return Start < End ? token > Start && token <= End : token > Start || token <= End;
    }

    /// <summary>
    /// The same tokens as non-wrapping ranges, so each can be scanned with one <c>token() &gt; s AND token() &lt;= e</c>.
    /// A wrapping (s, e] becomes (s, MaxToken] and (MinToken, e]; the whole ring becomes (MinToken, MaxToken].
    /// </summary>
    public IReadOnlyList<TokenRange> Unwrap()
    {
        if (IsWholeRing)
        {
            return new[] { FullRing };
        }

        if (!IsWrapAround)
        {
            return new[] { this };
        }

        var parts = new List<TokenRange>(2);
        if (Start != Murmur3Partitioner.MaxToken)
        {
            parts.Add(new TokenRange(Start, Murmur3Partitioner.MaxToken));
        }

        if (End != Murmur3Partitioner.MinToken)
        {
            parts.Add(new TokenRange(Murmur3Partitioner.MinToken, End));
        }

        return parts;
    }

    /// <summary>
    /// Splits into <paramref name="count"/> contiguous ranges of near-equal width that together cover exactly this
    /// range (fewer when the range has fewer tokens than <paramref name="count"/>).
    /// </summary>
    public IReadOnlyList<TokenRange> Split(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Split into at least one range.");
        }

        var width = Width;
        if (width < count)
        {
            count = (int)width;
        }

        var parts = new List<TokenRange>(count);
        var previous = Start;
        for (var i = 1; i <= count; i++)
        {
            var boundary = i == count ? End : Offset(Start, width * i / count);
            parts.Add(new TokenRange(previous, boundary));
            previous = boundary;
        }

        return parts;
    }

    private static long Offset(long start, BigInteger distance)
    {
        var unsigned = ((BigInteger)start + distance - long.MinValue) % RingSize;
        return (long)(unsigned + long.MinValue);
    }

    public bool Equals(TokenRange other) => Start == other.Start && End == other.End;

    public override bool Equals(object? obj) => obj is TokenRange other && Equals(other);

    public override int GetHashCode() => Start.GetHashCode() * 31 + End.GetHashCode();

    public override string ToString() => $"({Start}, {End}]";

    /// <summary>True when both are equal (<see cref="Equals(TokenRange)"/>).</summary>
    public static bool operator ==(TokenRange left, TokenRange right) => left.Equals(right);

    /// <summary>True when they differ (<see cref="Equals(TokenRange)"/>).</summary>
    public static bool operator !=(TokenRange left, TokenRange right) => !left.Equals(right);
}
