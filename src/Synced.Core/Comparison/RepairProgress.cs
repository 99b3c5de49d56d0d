using System;
using Synced.Core.Model;

namespace Synced.Core.Comparison;

/// <summary>A snapshot of a repair, for progress display.</summary>
public sealed class RepairProgress
{
    /// <summary>Creates a snapshot.</summary>
    public RepairProgress(string table, SyncDirection direction, long read, long written, long skippedNotNewer, long failed, TimeSpan elapsed)
    {
        Table = table;
        Direction = direction;
        Read = read;
        Written = written;
        SkippedNotNewer = skippedNotNewer;
        Failed = failed;
        Elapsed = elapsed;
    }

    /// <summary>The table being repaired.</summary>
    public string Table { get; }

    /// <summary>The direction being written.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Versions read from the newer side so far (this table and direction).</summary>
    public long Read { get; }

    /// <summary>Versions written (or that would be) so far.</summary>
    public long Written { get; }

    /// <summary>Versions not newer by the time of the write so far.</summary>
    public long SkippedNotNewer { get; }

    /// <summary>Differences that failed so far.</summary>
    public long Failed { get; }

    /// <summary>Time since the repair started.</summary>
    public TimeSpan Elapsed { get; }
}
