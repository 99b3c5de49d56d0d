using System;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// Which range of change times a run syncs for each table and direction: one range for all (an explicit
/// -Begin/-End), or each table's own, from its watermark. No range means the table has nothing to sync.
/// </summary>
public sealed class TableRanges
{
    private readonly Func<string, SyncDirection, TimeRange?> _rangeFor;

    /// <summary>Ranges chosen per table and direction by <paramref name="rangeFor"/> (null: nothing to sync).</summary>
    public TableRanges(Func<string, SyncDirection, TimeRange?> rangeFor)
        => _rangeFor = rangeFor ?? throw new ArgumentNullException(nameof(rangeFor));

    /// <summary>The same range for every table and direction.</summary>
    public static TableRanges Same(TimeRange range) => new((_, _) => range);

    /// <summary>The range of <paramref name="table"/> in <paramref name="direction"/>, or null when it has nothing to sync.</summary>
    public TimeRange? For(string table, SyncDirection direction) => _rangeFor(table, direction);
}
