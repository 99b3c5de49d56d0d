using System;
using System.Collections.Generic;
using System.Numerics;
using Synced.Cql.Tokens;

namespace Synced.Core.Cassandra;

/// <summary>
/// The token sub-ranges a scan reads: every primary range of the ring split in proportion to its width so the
/// whole ring gives about <c>splits</c> pieces (at least one per primary range), each unwrapped so that one
/// <c>token(id) &gt; start AND token(id) &lt;= end</c> reads it. Together they cover every token exactly once.
/// </summary>
internal static class ScanRanges
{
    private static readonly BigInteger RingSize = BigInteger.One << 64;

    public static IReadOnlyList<TokenRange> Plan(TokenRing ring, int splits)
    {
        if (splits < 1) throw new ArgumentOutOfRangeException(nameof(splits), splits, "a scan needs at least one range");
        var primary = new List<TokenRange>();
        if (ring.IsEmpty) primary.Add(TokenRange.FullRing);
        else foreach (var range in ring.Ranges) primary.Add(range.Key);

        var pieces = new List<TokenRange>();
        foreach (var range in primary)
        {
            var share = (int)BigInteger.Max(BigInteger.One, range.Width * splits / RingSize);
            foreach (var piece in range.Split(share))
                pieces.AddRange(piece.Unwrap());
        }
        return pieces;
    }
}
