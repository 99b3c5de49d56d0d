namespace Synced.Core.Comparison;

/// <summary>
/// One side's order-independent digest of every token bucket: how many ids lie in the range and the sum of their
/// <see cref="VersionHash"/> (equal contents give equal digests whatever the scan order), plus how many ids the
/// bucket holds at all (to plan re-reads). Fixed size: independent of the table's.
/// </summary>
internal sealed class BucketDigests
{
    private readonly long[] _count;
    private readonly ulong[] _sum;
    private readonly long[] _all;

    public BucketDigests(int buckets)
    {
        _count = new long[buckets];
        _sum = new ulong[buckets];
        _all = new long[buckets];
    }

    public int Buckets => _count.Length;

    /// <summary>Ids in the range, all buckets.</summary>
    public long InRange { get; private set; }

    /// <summary>Ids read, all buckets.</summary>
    public long Total { get; private set; }

    /// <summary>Counts an id that lies outside the range.</summary>
    public void AddOutside(int bucket)
    {
        _all[bucket]++;
        Total++;
    }

    /// <summary>Counts an id in the range with its version hash.</summary>
    public void AddInRange(int bucket, ulong hash)
    {
        _all[bucket]++;
        _count[bucket]++;
        unchecked { _sum[bucket] += hash; }
        Total++;
        InRange++;
    }

    /// <summary>Ids the bucket holds, in the range or not.</summary>
    public long All(int bucket) => _all[bucket];

    /// <summary>True when the in-range contents of a bucket differ from <paramref name="other"/>'s.</summary>
    public bool Differs(BucketDigests other, int bucket) => _count[bucket] != other._count[bucket] || _sum[bucket] != other._sum[bucket];
}
