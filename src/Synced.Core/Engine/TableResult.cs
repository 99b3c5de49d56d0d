using System;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>What a run did with one table in one direction.</summary>
public sealed class TableResult
{
    /// <summary>Creates an empty result for a table.</summary>
    public TableResult(string table, SyncDirection direction)
    {
        Table = table;
        Direction = direction;
    }

    /// <summary>Table / type name.</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public SyncDirection Direction { get; }

    /// <summary>How it ended.</summary>
    public TableStatus Status { get; internal set; } = TableStatus.Synced;

    /// <summary>Entries read from the source in the range (all versions).</summary>
    public long Read { get; internal set; }

    /// <summary>Entries written to the target.</summary>
    public long Written { get; internal set; }

    /// <summary>Entries the target already held in the same or a newer version (older versions of one id in a batch included).</summary>
    public long SkippedNotNewer { get; internal set; }

    /// <summary>
    /// Of <see cref="SkippedNotNewer"/>, the versions the first direction of this run had left equal on both sides,
    /// so neither the target's newest version was read nor anything written.
    /// </summary>
    public long AlreadySynced { get; internal set; }

    /// <summary>Entries that would be written (-WhatIf).</summary>
    public long WouldWrite { get; internal set; }

    /// <summary>Entries that could not be written.</summary>
    public long Failed { get; internal set; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Why the table was skipped or failed; null otherwise.</summary>
    public string? Message { get; internal set; }

    /// <summary>True when the table was created in the target by this run (-CreateMissing).</summary>
    public bool Created { get; internal set; }

    /// <summary>The range of change times synced for this table and direction; null when it was not scanned.</summary>
    public TimeRange? Range { get; internal set; }

    /// <summary>The table's watermark in this direction before the run; null when it had none.</summary>
    public DateTime? WatermarkBefore { get; internal set; }

    /// <summary>The table's watermark in this direction after the run; null when it has none.</summary>
    public DateTime? WatermarkAfter { get; internal set; }

    /// <summary>True when the run moved this watermark.</summary>
    public bool WatermarkAdvanced => WatermarkAfter is { } after && (WatermarkBefore is not { } before || after > before);

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Status}, {Read} read, {Written} written, {SkippedNotNewer} not newer, {Failed} failed";
}
