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
        var known = Volatile.Read(ref _layout);
        var layout = known;
        var entry = CqlValueReader.ToEntry(_table, row, id, version, ref layout);
        if (!ReferenceEquals(layout, known)) Volatile.Write(ref _layout, layout);
        return entry;
    }
}
