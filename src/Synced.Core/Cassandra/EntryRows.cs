using System;
using System.Threading;
using Synced.Core.Model;
using Synced.Cql;

namespace Synced.Core.Cassandra;

/// <summary>
/// Converts the rows of an entry scan to entries. The sub-ranges read at once share the column layout of the
/// statement's pages (a race only makes one more), so where each column sits is worked out once, not per row.
/// </summary>
internal sealed class EntryRows
{
    private readonly string _table;
    private CqlValueReader.RowLayout? _layout;

    public EntryRows(string table) => _table = table;

    /// <summary>The entry of a row whose id and tmstmp (a timeuuid) the scan has read already.</summary>
    public SyncEntry Convert(CqlRow row, Guid id, Guid version)
    {
        var layout = Volatile.Read(ref _layout);
        if (layout is null || !ReferenceEquals(layout.Columns, row.Columns))
        {
            // The first reader of new columns publishes their layout; one that lost the race takes the winner's when
            // it is for the same columns, so the entries of one statement share one layout.
            var made = new CqlValueReader.RowLayout(row.Columns);
            var seen = Interlocked.CompareExchange(ref _layout, made, layout);
            layout = ReferenceEquals(seen, layout) || seen is null || !ReferenceEquals(seen.Columns, row.Columns) ? made : seen;
        }
        return CqlValueReader.ToEntry(_table, row, id, version, ref layout);
    }
}
