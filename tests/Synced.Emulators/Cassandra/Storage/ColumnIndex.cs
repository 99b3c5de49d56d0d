using System.Collections.Generic;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>
/// A storage-attached index on one clustering or regular column of a table's data: entries (value, row) in value
/// order, so a lookup reads the rows whose value lies in a range without touching the others. Entries are added as
/// rows are created (clustering) or cells written (regular); a superseded regular value stays until the row is read,
/// where the live value is checked again (as SAI post-filters what its memtable index returns).
/// </summary>
internal sealed class ColumnIndex
{
    private readonly SortedSet<Entry> _entries;

    public ColumnIndex(ColumnSchema column, ClusteringOrder rowOrder)
    {
        Column = column;
        _entries = new SortedSet<Entry>(new EntryOrder(column.Type, rowOrder));
    }

    public ColumnSchema Column { get; }

    public int Count => _entries.Count;

    /// <summary>One indexed value of one row; a probe (no row) sorts before (-1) or after (1) every entry of its value.</summary>
    public sealed record Entry(byte[] Value, Partition? Partition, Row? Row, int Probe = 0);

    public void Add(byte[] value, Partition partition, Row row) => _entries.Add(new Entry(value, partition, row));

    public void Clear() => _entries.Clear();

    /// <summary>Entries with a value between the bounds (null: unbounded), each bound inclusive or not.</summary>
    public IEnumerable<Entry> Between(byte[]? low, bool lowInclusive, byte[]? high, bool highInclusive)
    {
        if (_entries.Count == 0) return System.Array.Empty<Entry>();
        var from = low is null ? _entries.Min! : new Entry(low, null, null, lowInclusive ? -1 : 1);
        var to = high is null ? _entries.Max! : new Entry(high, null, null, highInclusive ? 1 : -1);
        if (_entries.Comparer.Compare(from, to) > 0) return System.Array.Empty<Entry>();
        return _entries.GetViewBetween(from, to);
    }

    private sealed class EntryOrder : IComparer<Entry>
    {
        private readonly ColumnType _type;
        private readonly ClusteringOrder _rows;

        public EntryOrder(ColumnType type, ClusteringOrder rows)
        {
            _type = type;
            _rows = rows;
        }

        public int Compare(Entry? x, Entry? y)
        {
            var c = ValueOrder.Compare(_type, x!.Value, y!.Value);
            if (c != 0) return c;
            if (x.Probe != 0 || y.Probe != 0) return x.Probe.CompareTo(y.Probe);
            c = Partition.RingOrder.Instance.Compare(x.Partition, y.Partition);
            return c != 0 ? c : _rows.Compare(x.Row!, y.Row!);
        }
    }
}
