using System;

namespace Synced;

/// <summary>What a run did with one table in one direction.</summary>
public sealed class TableResult
{
    internal TableResult(Core.Engine.TableResult result)
    {
        Table = result.Table;
        Direction = result.Direction.ToString();
        Status = result.Status.ToString();
        Read = result.Read;
        Written = result.Written;
        WouldWrite = result.WouldWrite;
        SkippedNotNewer = result.SkippedNotNewer;
        AlreadySynced = result.AlreadySynced;
        Failed = result.Failed;
        Duration = result.Duration;
        Created = result.Created;
        Message = result.Message;
        Begin = result.Range?.Begin;
        End = result.Range?.End;
        WatermarkBefore = result.WatermarkBefore;
        WatermarkAfter = result.WatermarkAfter;
        WatermarkAdvanced = result.WatermarkAdvanced;
    }

    /// <summary>Table / type name.</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public string Direction { get; }

    /// <summary>Synced, Incomplete, Ignored (does not meet the contract), Unmatched (no counterpart), Failed or Cancelled.</summary>
    public string Status { get; }

    /// <summary>Entries read from the source (every version in the range).</summary>
    public long Read { get; }

    /// <summary>Entries written to the target.</summary>
    public long Written { get; }

    /// <summary>Entries that would be written (-WhatIf).</summary>
    public long WouldWrite { get; }

    /// <summary>Entries the target already held in the same or a newer version.</summary>
    public long SkippedNotNewer { get; }

    /// <summary>Of SkippedNotNewer: versions this run's first direction had left equal on both sides, so the way back neither read nor wrote them.</summary>
    public long AlreadySynced { get; }

    /// <summary>Entries that could not be written.</summary>
    public long Failed { get; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration { get; }

    /// <summary>True when this run created the table in the target (-CreateMissing).</summary>
    public bool Created { get; }

    /// <summary>Why the table was ignored, unmatched or failed.</summary>
    public string? Message { get; }

    /// <summary>First change time synced for this table and direction (UTC); null when it was not scanned.</summary>
    public DateTime? Begin { get; }

    /// <summary>First change time not synced (UTC); null when it was not scanned.</summary>
    public DateTime? End { get; }

    /// <summary>The watermark before the run (UTC); null when the table had none.</summary>
    public DateTime? WatermarkBefore { get; }

    /// <summary>The watermark after the run (UTC); null when the table has none.</summary>
    public DateTime? WatermarkAfter { get; }

    /// <summary>True when the run moved this watermark.</summary>
    public bool WatermarkAdvanced { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Status}";
}
