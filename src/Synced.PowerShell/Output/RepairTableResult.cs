using System;

namespace Synced;

/// <summary>What Repair-SyncedData did with one table in one direction.</summary>
public sealed class RepairTableResult
{
    internal RepairTableResult(Core.Comparison.RepairTableResult result, bool dryRun)
    {
        Table = result.Table;
        Direction = result.Direction.ToString();
        Status = dryRun ? "WhatIf" : result.Failed > 0 ? "Incomplete" : "Repaired";
        Differences = result.Differences;
        Read = result.Read;
        Written = result.Written;
        WouldWrite = result.WouldWrite;
        SkippedNotNewer = result.SkippedNotNewer;
        Failed = result.Failed;
        Duration = result.Duration;
    }

    /// <summary>Table / type.</summary>
    public string Table { get; }

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra: from the newer side to the other.</summary>
    public string Direction { get; }

    /// <summary>Repaired, Incomplete (some failed) or WhatIf.</summary>
    public string Status { get; }

    /// <summary>Differences handed to the repair.</summary>
    public long Differences { get; }

    /// <summary>Newest versions read from the newer side.</summary>
    public long Read { get; }

    /// <summary>Versions written.</summary>
    public long Written { get; }

    /// <summary>Versions that would be written (-WhatIf).</summary>
    public long WouldWrite { get; }

    /// <summary>Versions the other side held in the same or a newer version by the time of the write.</summary>
    public long SkippedNotNewer { get; }

    /// <summary>Differences that could not be repaired.</summary>
    public long Failed { get; }

    /// <summary>Time spent writing.</summary>
    public TimeSpan Duration { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Status}";
}
