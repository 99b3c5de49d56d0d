using System;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>What a run did with one table in one direction.</summary>
public sealed class TableResult : TableWork
{
    /// <summary>Creates an empty result for a table.</summary>
    public TableResult(string table, SyncDirection direction)
        : base(table, direction)
    {
    }

    /// <summary>How it ended.</summary>
    public TableStatus Status { get; internal set; } = TableStatus.Synced;

    /// <summary>
    /// Of <see cref="TableWork.SkippedNotNewer"/>, the versions the first direction of this run had left equal on both sides,
    /// so neither the target's newest version was read nor anything written.
    /// </summary>
    public long AlreadySynced { get; internal set; }

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
