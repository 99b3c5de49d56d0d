using System;
using Synced.Core.Model;

namespace Synced.Core.Comparison;

/// <summary>What a comparison covers and how much memory it may use.</summary>
public sealed class ComparisonOptions
{
    /// <summary>Default <see cref="DigestCells"/>: about 3.9 MB per side, read back while up to ~75,000 versions differ.</summary>
    public const int DefaultDigestCells = 3 * 32768;

    /// <summary>Default <see cref="MaxIdsHeld"/>: about 12 MB of ids.</summary>
    public const int DefaultMaxIdsHeld = 250_000;

    /// <summary>The tables compared: names matching the include patterns and no exclude pattern.</summary>
    public TableSelection Tables { get; set; } = TableSelection.All;

    /// <summary>
    /// First change time that counts (included), UTC; null for no lower bound. An id counts on a side when the
    /// newest version that side holds, in whole milliseconds, lies in [Begin, End).
    /// </summary>
    public DateTime? Begin { get; set; }

    /// <summary>First change time that no longer counts (excluded), UTC; null for no upper bound.</summary>
    public DateTime? End { get; set; }

    /// <summary>
    /// Cells of the invertible digest each side builds in its one pass. When the sides differ in fewer versions than
    /// about 0.8 × this, the differences come out of that pass alone; above it, the differing buckets are re-read.
    /// Each cell takes 40 bytes per side.
    /// </summary>
    public int DigestCells { get; set; } = DefaultDigestCells;

    /// <summary>
    /// Most Cassandra ids held in memory while differing buckets are re-read (more buckets than fit are re-read
    /// in rounds). About 48 bytes each. A single bucket larger than this is still read whole.
    /// </summary>
    public int MaxIdsHeld { get; set; } = DefaultMaxIdsHeld;

    /// <summary>log2 of the number of token buckets the digests are kept for (2^16 by default: 1.5 MB per side).</summary>
    public int BucketBits { get; set; } = 16;

    /// <summary>Ids per batch when one side's newest version of ids is looked up.</summary>
    public int LookupBatchSize { get; set; } = 500;

    /// <summary>The digests' seed; null draws a random one (tests fix it).</summary>
    public ulong? Seed { get; set; }

    /// <summary>True when <paramref name="instant"/> (already whole milliseconds) counts.</summary>
    internal bool InRange(DateTime instant) => (Begin is null || instant >= Begin.Value) && (End is null || instant < End.Value);

    internal void Validate()
    {
        if (Tables is null) throw new ArgumentException("the table selection is required", nameof(Tables));
        if (Begin is { } b && b.Kind != DateTimeKind.Utc) throw new ArgumentException("Begin must be UTC", nameof(Begin));
        if (End is { } e && e.Kind != DateTimeKind.Utc) throw new ArgumentException("End must be UTC", nameof(End));
        if (Begin is { } begin && End is { } end && begin >= end)
            throw new ArgumentException($"the range is empty: Begin {begin:O} is not before End {end:O}");
        if (DigestCells < 30) throw new ArgumentException($"DigestCells must be at least 30; it is {DigestCells}", nameof(DigestCells));
        if (MaxIdsHeld < 1) throw new ArgumentException($"MaxIdsHeld must be at least 1; it is {MaxIdsHeld}", nameof(MaxIdsHeld));
        if (BucketBits < 1 || BucketBits > 24) throw new ArgumentException($"BucketBits must be between 1 and 24; it is {BucketBits}", nameof(BucketBits));
        if (LookupBatchSize < 1) throw new ArgumentException($"LookupBatchSize must be at least 1; it is {LookupBatchSize}", nameof(LookupBatchSize));
    }
}
