using System;

namespace Synced;

/// <summary>What Repair-SyncedData did with one table in one direction.</summary>
public sealed class RepairTableResult
{
    private readonly Core.Comparison.RepairTableResult _table;
    private readonly bool _dryRun;

    internal RepairTableResult(Core.Comparison.RepairTableResult table, bool dryRun)
    {
        _table = table;
        _dryRun = dryRun;
    }

    /// <summary>Table / type.</summary>
    public string Table => _table.Table;

    /// <summary>CassandraToElasticsearch or ElasticsearchToCassandra: from the newer side to the other.</summary>
    public string Direction => _table.Direction.ToString();

    /// <summary>Repaired, Incomplete (some failed) or WhatIf.</summary>
    public string Status => _dryRun ? "WhatIf" : _table.Failed > 0 ? "Incomplete" : "Repaired";

    /// <summary>Differences handed to the repair.</summary>
    public long Differences => _table.Differences;

    /// <summary>Newest versions read from the newer side.</summary>
    public long Read => _table.Read;

    /// <summary>Versions written.</summary>
    public long Written => _table.Written;

    /// <summary>Versions that would be written (-WhatIf).</summary>
    public long WouldWrite => _table.WouldWrite;

    /// <summary>Versions the other side held in the same or a newer version by the time of the write.</summary>
    public long SkippedNotNewer => _table.SkippedNotNewer;

    /// <summary>Differences that could not be repaired.</summary>
    public long Failed => _table.Failed;

    /// <summary>Time spent writing.</summary>
    public TimeSpan Duration => _table.Duration;

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Status}";
}
