using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced;

/// <summary>What one Repair-SyncedData did for a keyspace and an index.</summary>
public sealed class RepairResult
{
    internal RepairResult(string keyspace, string index, IEnumerable<Core.Comparison.RepairTableResult> tables, bool dryRun, TimeSpan duration,
        long failedEntries, string? comparisonProblem)
    {
        Keyspace = keyspace;
        Index = index;
        Tables = tables.Select(t => new RepairTableResult(t, dryRun)).ToArray();
        FailedEntries = failedEntries;
        Duration = duration;
        Message = comparisonProblem;
        Status = dryRun ? "WhatIf" : failedEntries > 0 || comparisonProblem is not null ? "Incomplete" : "Succeeded";
    }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Succeeded, Incomplete (something was not repaired or not compared) or WhatIf.</summary>
    public string Status { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>One result per table and direction.</summary>
    public RepairTableResult[] Tables { get; }

    /// <summary>Differences that could not be repaired.</summary>
    public long FailedEntries { get; }

    /// <summary>What the comparison could not cover, when Repair-SyncedData compared first.</summary>
    public string? Message { get; }

    /// <summary>Differences handed to the repair, all tables.</summary>
    public long Differences => Tables.Sum(t => t.Differences);

    /// <summary>Newest versions read, all tables.</summary>
    public long Read => Tables.Sum(t => t.Read);

    /// <summary>Versions written, all tables.</summary>
    public long Written => Tables.Sum(t => t.Written);

    /// <summary>Versions that would be written, all tables (-WhatIf).</summary>
    public long WouldWrite => Tables.Sum(t => t.WouldWrite);

    /// <summary>Versions not newer by the time of the write, all tables.</summary>
    public long SkippedNotNewer => Tables.Sum(t => t.SkippedNotNewer);

    /// <inheritdoc />
    public override string ToString() => $"{Keyspace} <-> {Index}: {Status}";
}
