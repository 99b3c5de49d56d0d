namespace Synced.Core.Comparison;

/// <summary>
/// One side's order-independent digest of every token bucket: how many ids lie in the range and the sum of their
/// <see cref="VersionHash"/> (equal contents give equal digests whatever the scan order), plus how many ids the
/// bucket holds at all (to plan re-reads). Fixed size: independent of the table's.
/// </summary>
internal sealed class BucketDigests
{
    private readonly Bucket[] _buckets;

    public BucketDigests(int buckets) => _buckets = new Bucket[buckets];

    public int Buckets => _buckets.Length;

    /// <summary>Ids in the range, all buckets.</summary>
    public long InRange { get; private set; }

    /// <summary>Ids read, all buckets.</summary>
    public long Total { get; private set; }

    /// <summary>Counts an id that lies outside the range.</summary>
    public void AddOutside(int bucket)
    {
        _buckets[bucket].All++;
        Total++;
    }

    /// <summary>Counts an id in the range with its version hash.</summary>
    public void AddInRange(int bucket, ulong hash)
    {
        ref var b = ref _buckets[bucket];
        b.All++;
        b.Count++;
        unchecked { b.Sum += hash; }
        Total++;
        InRange++;
    }

    /// <summary>Ids the bucket holds, in the range or not.</summary>
    public long All(int bucket) => _buckets[bucket].All;

    /// <summary>True when the in-range contents of a bucket differ from <paramref name="other"/>'s.</summary>
    public bool Differs(BucketDigests other, int bucket)
        => _buckets[bucket].Count != other._buckets[bucket].Count || _buckets[bucket].Sum != other._buckets[bucket].Sum;

    private struct Bucket
    {
        public long Count;
        public ulong Sum;
        public long All;
    }
}
