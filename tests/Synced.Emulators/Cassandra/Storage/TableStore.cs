using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// The data of one table: partitions in ring order. Readers take the table's read lock and writers its write
/// lock, so reads of different tables, and concurrent reads of one table, never wait on each other.
/// </summary>
internal sealed class TableStore
{
    private readonly SortedSet<Partition> _partitions = new(Partition.RingOrder.Instance);

    public TableStore(TableSchema schema)
    {
        Schema = schema;
        RowOrder = new ClusteringOrder(schema.Clustering);
    }

    public TableSchema Schema { get; }
    public ClusteringOrder RowOrder { get; }
    public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

    public int PartitionCount => _partitions.Count;

    /// <summary>Finds a partition by its serialized key; caller holds a lock.</summary>
    public Partition? Find(long token, byte[] key)
    {
        return _partitions.TryGetValue(Partition.ProbeAt(token, key), out var found) ? found : null;
    }

    /// <summary>Finds or creates a partition; caller holds the write lock.</summary>
    public Partition GetOrCreate(long token, byte[] key, byte[][] components)
    {
        var found = Find(token, key);
        if (found is not null) return found;
        var partition = new Partition(token, key, components, RowOrder, Schema.Others.Count);
        _partitions.Add(partition);
        return partition;
    }

    /// <summary>Partitions whose token lies in [<paramref name="fromToken"/>, <paramref name="toToken"/>], in ring order.</summary>
    public IEnumerable<Partition> Range(long fromToken, long toToken)
    {
        if (fromToken > toToken || _partitions.Count == 0) return Array.Empty<Partition>();
        return _partitions.GetViewBetween(Partition.ProbeBefore(fromToken), Partition.ProbeAfter(toToken));
    }

    /// <summary>Finds or creates the row with the given clustering values; caller holds the write lock.</summary>
    public Row GetOrCreateRow(Partition partition, byte[][] clustering)
    {
        var probe = new Row(clustering, 0);
        if (partition.Rows.TryGetValue(probe, out var row)) return row;
        row = new Row(clustering, Schema.Others.Count);
        partition.Rows.Add(row);
        return row;
    }

    public Row? FindRow(Partition partition, byte[][] clustering)
    {
        var probe = new Row(clustering, 0);
        return partition.Rows.TryGetValue(probe, out var row) ? row : null;
    }

    /// <summary>
    /// The same data under a new version of the table (ALTER TABLE ADD/DROP): cells move to the new column slots by
    /// name; cells of dropped columns are left behind.
    /// </summary>
    public TableStore MigrateTo(TableSchema next)
    {
        var target = new TableStore(next);
        var slots = Schema.Others.Select(c => next.Find(c.Name) is { CellIndex: >= 0 } n && n.Kind == c.Kind ? n.CellIndex : -1).ToArray();
        Lock.EnterReadLock();
        try
        {
            foreach (var partition in _partitions)
            {
                var copy = target.GetOrCreate(partition.Token, partition.Key, partition.KeyComponents);
                copy.Delete(partition.DeletionTimestamp);
                copy.RangeDeletions.AddRange(partition.RangeDeletions);
                CopyCells(partition.Static, copy.Static, slots);
                foreach (var row in partition.Rows)
                {
                    var rowCopy = target.GetOrCreateRow(copy, row.Clustering);
                    rowCopy.CopyLivenessFrom(row);
                    CopyCells(row, rowCopy, slots);
                }
            }
        }
        finally
        {
            Lock.ExitReadLock();
        }
        return target;
    }

    private static void CopyCells(Row from, Row to, int[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
            if (slots[i] >= 0 && from.Cells[i] is { } cell)
                to.Write(slots[i], cell);
    }

    /// <summary>Drops all data; caller holds the write lock.</summary>
    public void Clear() => _partitions.Clear();
}
