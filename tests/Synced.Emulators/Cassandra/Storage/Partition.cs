using System;
using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// All rows sharing a partition key, in clustering order, plus the static row and partition-level deletions.
/// </summary>
internal sealed class Partition
{
    public Partition(long token, byte[] key, byte[][] keyComponents, IComparer<Row> rowOrder, int cellCount)
    {
        Token = token;
        Key = key;
        KeyComponents = keyComponents;
        Rows = new SortedSet<Row>(rowOrder);
        Static = new Row(Array.Empty<byte[]>(), cellCount);
    }

    /// <summary>A search probe without rows, at a key.</summary>
    private Partition(long token, byte[] key)
    {
        Token = token;
        Key = key;
        KeyComponents = Array.Empty<byte[]>();
        Rows = null!;
        Static = null!;
    }

    /// <summary>A probe that compares equal to the partition with this token and key.</summary>
    public static Partition ProbeAt(long token, byte[] key) => new(token, key);

    public long Token { get; }
    /// <summary>Serialized partition key (composite form when several columns).</summary>
    public byte[] Key { get; }
    public byte[][] KeyComponents { get; }
    public SortedSet<Row> Rows { get; }
    public Row Static { get; }
    public long DeletionTimestamp { get; private set; } = long.MinValue;
    public List<KeyValuePair<byte[][], long>> RangeDeletions { get; } = new();
    public void Delete(long timestamp)
    {
        if (timestamp > DeletionTimestamp) DeletionTimestamp = timestamp;
    }

    /// <summary>The newest deletion covering a row: the partition's, a matching clustering-prefix deletion, the row's own.</summary>
    public long DeletionFor(Row row)
    {
        var deletion = Math.Max(DeletionTimestamp, row.DeletionTimestamp);
        foreach (var range in RangeDeletions)
        {
            if (range.Value <= deletion) continue;
            var prefix = range.Key;
            var match = true;
            for (var i = 0; i < prefix.Length && match; i++)
                match = row.Clustering[i].AsSpan().SequenceEqual(prefix[i]);
            if (match) deletion = range.Value;
        }
        return deletion;
    }

    /// <summary>Orders partitions by token, then by key bytes (how Cassandra orders decorated keys).</summary>
    public sealed class RingOrder : IComparer<Partition>
    {
        public static readonly RingOrder Instance = new();

        public int Compare(Partition? x, Partition? y)
        {
            var c = x!.Token.CompareTo(y!.Token);
            if (c != 0) return c;
            return x.Key.AsSpan().SequenceCompareTo(y.Key);
        }
    }
}
