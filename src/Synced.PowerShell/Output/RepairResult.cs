using System;
using System.Linq;

namespace Synced;

/// <summary>What one Repair-SyncedData did for a keyspace and an index.</summary>
public sealed class RepairResult
{
    private readonly Core.Comparison.RepairResult _result;

    internal RepairResult(string keyspace, string index, Core.Comparison.RepairResult result, string? comparisonProblem)
    {
        _result = result;
        Keyspace = keyspace;
        Index = index;
        Message = comparisonProblem;
        Tables = result.Tables.Select(t => new RepairTableResult(t, result.DryRun)).ToArray();
    }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Succeeded, Incomplete (something was not repaired or not compared) or WhatIf.</summary>
    public string Status => _result.Status.ToString();

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => _result.Duration;

    /// <summary>One result per table and direction.</summary>
    public RepairTableResult[] Tables { get; }

    /// <summary>Differences that could not be repaired.</summary>
    public long FailedEntries => _result.FailureCount;

    /// <summary>What the comparison could not cover, when Repair-SyncedData compared first.</summary>
    public string? Message { get; }

    /// <summary>Differences handed to the repair, all tables.</summary>
    public long Differences => _result.Differences;

    /// <summary>Newest versions read, all tables.</summary>
    public long Read => _result.Read;

    /// <summary>Versions written, all tables.</summary>
    public long Written => _result.Written;

    /// <summary>Versions that would be written, all tables (-WhatIf).</summary>
    public long WouldWrite => _result.WouldWrite;

    /// <summary>Versions not newer by the time of the write, all tables.</summary>
    public long SkippedNotNewer => _result.SkippedNotNewer;

    /// <inheritdoc />
    public override string ToString() => $"{Keyspace} <-> {Index}: {Status}";
}
