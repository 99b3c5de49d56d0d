using System;
using Synced.Cql.Tokens;

namespace Synced.Core.Comparison;

/// <summary>The Murmur3 token of an id: what Cassandra computes for a <c>uuid</c> partition key (its 16 big-endian bytes).</summary>
public static class IdToken
{
    /// <summary>The token of <paramref name="id"/>.</summary>
    public static long Of(Guid id) => Murmur3Partitioner.GetToken(id);

    /// <summary>True when <paramref name="token"/> lies in one of <paramref name="ranges"/> (non-wrapping, sorted by start, disjoint).</summary>
    public static bool IsIn(long token, System.Collections.Generic.IReadOnlyList<TokenRange> ranges)
    {
        // The last range starting before the token is the only one that can hold it.
        int low = 0, high = ranges.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (ranges[middle].Start < token)
            {
                found = middle;
                low = middle + 1;
            }
            else high = middle - 1;
        }
        return found >= 0 && token <= ranges[found].End;
    }
}
