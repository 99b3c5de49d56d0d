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
    // Partitions in ring order, for range reads: a sorted array, plus the partitions created since, which the next
    // range read sorts and merges in. A write then costs a list append rather than a walk down (and a rebalancing of)
    // a tree of every partition; a range read after writes pays one merge. Partitions are never removed (deletes are
    // tombstones), and a published array is never changed, so a reader may keep iterating one.
    private Partition[] _ringOrder = Array.Empty<Partition>();
    private readonly List<Partition> _created = new();
    private readonly object _mergeGate = new();

    // The same partitions by token, for the lookups of single partitions (every write, every IN read): a hash probe
    // instead of a walk down a tree of every partition. Keys of one token beyond the first (a hash collision) are
    // in _sharedTokens.
    private readonly Dictionary<long, Partition> _byToken = new();
    private readonly Dictionary<long, List<Partition>> _sharedTokens = new();

    private readonly Dictionary<string, ColumnIndex> _indexes = new(StringComparer.Ordinal);

    public TableStore(TableSchema schema)
    {
        Schema = schema;
        RowOrder = new ClusteringOrder(schema.Clustering);
        // Storage-attached indexes on a clustering or regular column of a scalar type keep a value-ordered structure.
        foreach (var index in schema.Indexes)
        {
            var column = schema.Find(index.Column);
            if (index.IsSai && index.Target == IndexTargetKind.Simple && column is { Kind: ColumnKind.Clustering or ColumnKind.Regular } && !column.Type.IsMultiCell)
                _indexes[column.Name] = new ColumnIndex(column, RowOrder);
        }
    }

    /// <summary>The value-ordered index on a column, if the table has one there.</summary>
    public ColumnIndex? IndexOn(string column) => _indexes.TryGetValue(column, out var index) ? index : null;

    public TableSchema Schema { get; }
    public ClusteringOrder RowOrder { get; }
    public ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.SupportsRecursion);

    public int PartitionCount => _ringOrder.Length + _created.Count;

    /// <summary>Finds a partition by its serialized key; caller holds a lock.</summary>
    public Partition? Find(long token, byte[] key)
    {
        if (!_byToken.TryGetValue(token, out var first)) return null;
        if (first.Key.AsSpan().SequenceEqual(key)) return first;
        if (_sharedTokens.TryGetValue(token, out var others))
            foreach (var other in others)
                if (other.Key.AsSpan().SequenceEqual(key)) return other;
        return null;
    }

    /// <summary>Finds or creates a partition; caller holds the write lock.</summary>
    public Partition GetOrCreate(long token, byte[] key, byte[][] components)
    {
        var found = Find(token, key);
        if (found is not null) return found;
        var partition = new Partition(token, key, components, RowOrder, Schema.Others.Count);
        _created.Add(partition);
        if (!_byToken.TryAdd(token, partition))
        {
            if (!_sharedTokens.TryGetValue(token, out var others)) _sharedTokens[token] = others = new List<Partition>();
            others.Add(partition);
        }
        return partition;
    }

    /// <summary>Partitions whose token lies in [<paramref name="fromToken"/>, <paramref name="toToken"/>], in ring order.</summary>
    public IEnumerable<Partition> Range(long fromToken, long toToken)
    {
        if (fromToken > toToken) return Array.Empty<Partition>();
        var all = RingOrdered();
        var from = FirstWithTokenAtLeast(all, fromToken);
        var to = toToken == long.MaxValue ? all.Length : FirstWithTokenAtLeast(all, toToken + 1);
        return new ArraySegment<Partition>(all, from, to - from);
    }

    /// <summary>Every partition in ring order, the ones created since the last call merged in; caller holds a lock.</summary>
    private Partition[] RingOrdered()
    {
        // Readers run at once under the read lock (writers, which add to _created, hold the write lock): the first
        // reader after writes merges, the others wait for it here.
        if (_created.Count == 0) return Volatile.Read(ref _ringOrder);
        lock (_mergeGate)
        {
            if (_created.Count == 0) return _ringOrder;
            var added = _created.ToArray();
            // By token as plain numbers (several times faster than through the comparer), then the rare runs of one
            // token (hash collisions) by key, which is the ring order.
            var tokens = new long[added.Length];
            for (var i = 0; i < added.Length; i++) tokens[i] = added[i].Token;
            Array.Sort(tokens, added);
            for (int start = 0, end; start < added.Length; start = end)
            {
                for (end = start + 1; end < added.Length && tokens[end] == tokens[start]; end++) { }
                if (end - start > 1) Array.Sort(added, start, end - start, Partition.RingOrder.Instance);
            }
            var known = _ringOrder;
            var merged = new Partition[known.Length + added.Length];
            int k = 0, a = 0, m = 0;
            while (k < known.Length && a < added.Length)
                merged[m++] = Partition.RingOrder.Instance.Compare(known[k], added[a]) <= 0 ? known[k++] : added[a++];
            while (k < known.Length) merged[m++] = known[k++];
            while (a < added.Length) merged[m++] = added[a++];
            Volatile.Write(ref _ringOrder, merged);
            _created.Clear();
            return merged;
        }
    }

    /// <summary>The index of the first partition whose token is at least <paramref name="token"/> (the length when none is).</summary>
    private static int FirstWithTokenAtLeast(Partition[] partitions, long token)
    {
        int low = 0, high = partitions.Length;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (partitions[middle].Token < token) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>Finds or creates the row with the given clustering values; caller holds the write lock.</summary>
    public Row GetOrCreateRow(Partition partition, byte[][] clustering)
    {
        var probe = new Row(clustering, 0);
        if (partition.Rows.TryGetValue(probe, out var row)) return row;
        row = new Row(clustering, Schema.Others.Count);
        partition.Rows.Add(row);
        foreach (var index in _indexes.Values)
            if (index.Column.Kind == ColumnKind.Clustering) index.Add(clustering[index.Column.Position], partition, row);
        return row;
    }

    public static Row? FindRow(Partition partition, byte[][] clustering)
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
            foreach (var partition in RingOrdered())
            {
                var copy = target.GetOrCreate(partition.Token, partition.Key, partition.KeyComponents);
                copy.Delete(partition.DeletionTimestamp);
                copy.RangeDeletions.AddRange(partition.RangeDeletions);
                CopyCells(target, copy, partition.Static, copy.Static, slots);
                foreach (var row in partition.Rows)
                {
                    var rowCopy = target.GetOrCreateRow(copy, row.Clustering);
                    rowCopy.CopyLivenessFrom(row);
                    CopyCells(target, copy, row, rowCopy, slots);
                }
            }
        }
        finally
        {
            Lock.ExitReadLock();
        }
        return target;
    }

    private static void CopyCells(TableStore target, Partition partition, Row from, Row to, int[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
            if (slots[i] >= 0 && from.Cells[i] is { } cell)
                target.WriteCell(partition, to, target.Schema.Others[slots[i]], cell);
    }

    /// <summary>Writes a cell (reconciled with the one there) and indexes its value; caller holds the write lock.</summary>
    public void WriteCell(Partition partition, Row row, ColumnSchema column, Cell cell)
    {
        row.Write(column.CellIndex, cell);
        if (cell.Value is not null && column.Kind == ColumnKind.Regular && _indexes.TryGetValue(column.Name, out var index) && !ReferenceEquals(row, partition.Static))
            index.Add(cell.Value, partition, row);
    }

    /// <summary>Drops all data; caller holds the write lock.</summary>
    public void Clear()
    {
        _ringOrder = Array.Empty<Partition>();
        _created.Clear();
        _byToken.Clear();
        _sharedTokens.Clear();
        foreach (var index in _indexes.Values) index.Clear();
    }
}
