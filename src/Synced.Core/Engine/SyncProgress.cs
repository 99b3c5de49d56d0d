using System;
using Synced.Core.Model;

namespace Synced.Core.Engine;

/// <summary>A snapshot of the work on one table, for progress display.</summary>
public sealed class SyncProgress
{
    /// <summary>Creates a snapshot.</summary>
    public SyncProgress(SyncDirection direction, string table, int tableNumber, int tableCount, long read, long written, long skippedNotNewer, long failed, TimeSpan elapsed)
    {
        Direction = direction;
        Table = table;
        TableNumber = tableNumber;
        TableCount = tableCount;
        Read = read;
        Written = written;
        SkippedNotNewer = skippedNotNewer;
        Failed = failed;
        Elapsed = elapsed;
    }

    /// <summary>Direction being synced.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Table being synced.</summary>
    public string Table { get; }

    /// <summary>1-based number of the table within its direction.</summary>
    public int TableNumber { get; }

    /// <summary>Tables to sync in this direction.</summary>
    public int TableCount { get; }

    /// <summary>Entries read so far from this table.</summary>
    public long Read { get; }

    /// <summary>Entries written so far (or that would be, under -WhatIf).</summary>
    public long Written { get; }

    /// <summary>Entries not newer so far.</summary>
    public long SkippedNotNewer { get; }

    /// <summary>Entries failed so far.</summary>
    public long Failed { get; }

    /// <summary>Time spent on this table so far.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Entries read per second so far.</summary>
    public double ReadRate => Elapsed.TotalSeconds > 0 ? Read / Elapsed.TotalSeconds : 0;
}
