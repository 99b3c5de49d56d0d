using System;
using Synced.PowerShell.Infrastructure;

namespace Synced;

/// <summary>What a run did with one table in one direction.</summary>
public sealed class TableResult
{
    private readonly Core.Engine.TableResult _table;

    internal TableResult(Core.Engine.TableResult table) => _table = table;

    /// <summary>Table / type name.</summary>
    public string Table => _table.Table;

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public string Direction => _table.Direction.ToString();

    /// <summary>Synced, Incomplete, Ignored (does not meet the contract), Unmatched (no counterpart), Failed or Cancelled.</summary>
    public string Status => _table.Status.ToString();

    /// <summary>Entries read from the source (every version in the range).</summary>
    public long Read => _table.Read;

    /// <summary>Entries written to the target.</summary>
    public long Written => _table.Written;

    /// <summary>Entries that would be written (-WhatIf).</summary>
    public long WouldWrite => _table.WouldWrite;

    /// <summary>Entries the target already held in the same or a newer version.</summary>
    public long SkippedNotNewer => _table.SkippedNotNewer;

    /// <summary>Of SkippedNotNewer: versions this run's first direction had left equal on both sides, so the way back neither read nor wrote them.</summary>
    public long AlreadySynced => _table.AlreadySynced;

    /// <summary>Entries that could not be written.</summary>
    public long Failed => _table.Failed;

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration => _table.Duration;

    /// <summary>True when this run created the table in the target (-CreateMissing).</summary>
    public bool Created => _table.Created;

    /// <summary>Why the table was ignored, unmatched or failed.</summary>
    public string? Message => ParameterNames.Describe(_table);

    /// <summary>First change time synced for this table and direction (UTC); null when it was not scanned.</summary>
    public DateTime? Begin => _table.Range?.Begin;

    /// <summary>First change time not synced (UTC); null when it was not scanned.</summary>
    public DateTime? End => _table.Range?.End;

    /// <summary>The watermark before the run (UTC); null when the table had none.</summary>
    public DateTime? WatermarkBefore => _table.WatermarkBefore;

    /// <summary>The watermark after the run (UTC); null when the table has none.</summary>
    public DateTime? WatermarkAfter => _table.WatermarkAfter;

    /// <summary>True when the run moved this watermark.</summary>
    public bool WatermarkAdvanced => _table.WatermarkAdvanced;

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Status}";
}
