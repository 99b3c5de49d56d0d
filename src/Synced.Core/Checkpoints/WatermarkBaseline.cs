using System;
using Synced.Core.Model;

namespace Synced.Core.Checkpoints;

/// <summary>
/// A watermark for tables that have none of their own yet, limited to a table selection and direction: what a
/// checkpoint of the first format held (one end for a whole configuration), or what Set-SyncedCheckpoint
/// sets before any run. The next run gives it to every table it finds that matches, as that table's own
/// watermark, and drops it; a table that appears after that starts at the beginning.
/// </summary>
public sealed class WatermarkBaseline
{
    /// <summary>Creates a baseline.</summary>
    public WatermarkBaseline(DateTime end, TableSelection tables, SyncDirection direction)
    {
        End = end;
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
        Direction = direction;
    }

    /// <summary>Everything before this instant (UTC) of the tables it covers counts as synced.</summary>
    public DateTime End { get; }

    /// <summary>Which tables it covers.</summary>
    public TableSelection Tables { get; }

    /// <summary>Which direction(s) it covers.</summary>
    public SyncDirection Direction { get; }

    /// <summary>True when it covers the table and direction of <paramref name="key"/>.</summary>
    public bool Covers(WatermarkKey key)
        => Tables.Matches(key.Table) && (Direction == SyncDirection.Both || Direction == key.Direction);

    /// <inheritdoc />
    public override string ToString() => $"{Tables} ({Direction}) before {End:yyyy-MM-ddTHH:mm:ss.ffffffZ}";
}
