using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Core.Engine;

namespace Synced.Core.Comparison;

/// <summary>What a repair did: per table and direction, the differences it could not repair, and the comparison it repaired (when it compared first).</summary>
public sealed class RepairResult
{
    internal RepairResult(IReadOnlyList<RepairTableResult> tables, bool dryRun, TimeSpan duration, long failureCount, ComparisonResult? comparison)
    {
        Tables = tables;
        DryRun = dryRun;
        Duration = duration;
        FailureCount = failureCount;
        Comparison = comparison;
    }

    /// <summary>One result per table and direction, in the order they were first met.</summary>
    public IReadOnlyList<RepairTableResult> Tables { get; }

    /// <summary>True when nothing was written (what would be written was counted).</summary>
    public bool DryRun { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Differences that could not be repaired.</summary>
    public long FailureCount { get; }

    /// <summary>The comparison whose differences were repaired; null when the differences were given.</summary>
    public ComparisonResult? Comparison { get; }

    /// <summary>WhatIf for a dry run; Incomplete when a difference was not repaired or the comparison did not cover everything; else Succeeded.</summary>
    public RunStatus Status => DryRun ? RunStatus.WhatIf : FailureCount > 0 || Comparison is { Complete: false } ? RunStatus.Incomplete : RunStatus.Succeeded;

    /// <summary>Differences handed to the repair, all tables.</summary>
    public long Differences => Tables.Sum(t => t.Differences);

    /// <summary>Newest versions read, all tables.</summary>
    public long Read => Tables.Sum(t => t.Read);

    /// <summary>Versions written, all tables.</summary>
    public long Written => Tables.Sum(t => t.Written);

    /// <summary>Versions that would be written, all tables (a dry run).</summary>
    public long WouldWrite => Tables.Sum(t => t.WouldWrite);

    /// <summary>Versions not newer by the time of the write, all tables.</summary>
    public long SkippedNotNewer => Tables.Sum(t => t.SkippedNotNewer);
}
