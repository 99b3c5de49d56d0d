using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Core.Checkpoints;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// What a run did: built once by the engine (per table and direction, the failed entries, the status), completed
/// by the runner (range, watermarks, what happened to them, the -Verify compare), and passed up as it is.
/// </summary>
public sealed class SyncResult
{
    internal SyncResult(SyncRequest request, IReadOnlyList<TableResult> tables, IReadOnlyList<EntryFailure> failures, long failureCount, bool stopped)
    {
        Request = request;
        Tables = tables;
        Failures = failures;
        FailureCount = failureCount;
        Status = request.DryRun ? RunStatus.WhatIf : stopped ? RunStatus.Stopped : Complete ? RunStatus.Succeeded : RunStatus.Incomplete;
        Problems = DescribeProblems();
    }

    /// <summary>What was asked.</summary>
    public SyncRequest Request { get; }

    /// <summary>The configuration's checkpoint name.</summary>
    public string Name => Request.Configuration.DisplayName;

    /// <summary>Keyspace.</summary>
    public string Keyspace => Request.Configuration.Keyspace;

    /// <summary>Index.</summary>
    public string Index => Request.Configuration.Index;

    /// <summary>Which tables took part.</summary>
    public TableSelection Selection => Request.Tables;

    /// <summary>Direction(s) synced.</summary>
    public SyncDirection Direction => Request.Direction;

    /// <summary>The earliest begin of any table's range (or the given begin), UTC.</summary>
    public DateTime Begin { get; internal set; }

    /// <summary>Range end, UTC: the same for every table.</summary>
    public DateTime End { get; internal set; }

    /// <summary>Where the begin came from: given, the watermarks, or the beginning (no watermark yet).</summary>
    public RangeSource BeginSource { get; internal set; }

    /// <summary>When the run started, UTC.</summary>
    public DateTime StartedAt { get; internal set; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>How it ended.</summary>
    public RunStatus Status { get; }

    /// <summary>True when no entry failed and every table that meets the contract was synced (ignored tables do not count).</summary>
    public bool Complete => FailureCount == 0 && Tables.All(t => t.Status is TableStatus.Synced or TableStatus.Ignored);

    /// <summary>True when any watermark moved.</summary>
    public bool CheckpointAdvanced => Tables.Any(t => t.WatermarkAdvanced);

    /// <summary>What happened to the watermarks and why, in a sentence.</summary>
    public string CheckpointNote { get; internal set; } = string.Empty;

    /// <summary>Why the run is incomplete, one per cause with what to do; empty when nothing is missing.</summary>
    public IReadOnlyList<RunProblem> Problems { get; }

    /// <summary>One result per table and direction, in the order they ran.</summary>
    public IReadOnlyList<TableResult> Tables { get; }

    /// <summary>Failed entries (up to the kept limit; every one went to the observer).</summary>
    public IReadOnlyList<EntryFailure> Failures { get; }

    /// <summary>How many entries failed in all.</summary>
    public long FailureCount { get; }

    /// <summary>Entries read, all tables.</summary>
    public long Read => Tables.Sum(t => t.Read);

    /// <summary>Entries written, all tables.</summary>
    public long Written => Tables.Sum(t => t.Written);

    /// <summary>Entries that would be written, all tables (a dry run).</summary>
    public long WouldWrite => Tables.Sum(t => t.WouldWrite);

    /// <summary>Entries not newer than the target's, all tables.</summary>
    public long SkippedNotNewer => Tables.Sum(t => t.SkippedNotNewer);

    /// <summary>The compare of the run's range after it synced (<see cref="SyncRequest.Verify"/>); null without it.</summary>
    public ComparisonResult? Verification { get; internal set; }

    /// <summary>The checkpoint's record of this run, carrying on the failed-run streak and the last success of <paramref name="previous"/>.</summary>
    internal RunSummary ToSummary(RunSummary? previous) => new RunSummary
    {
        Status = Status.ToString(),
        Begin = Begin,
        End = End,
        StartedAt = StartedAt,
        Duration = Duration,
        Read = Read,
        Written = Written,
        SkippedNotNewer = SkippedNotNewer,
        Failed = FailureCount,
        CheckpointAdvanced = CheckpointAdvanced,
    }.After(previous);

    private List<RunProblem> DescribeProblems()
    {
        var problems = new List<RunProblem>();
        if (FailureCount > 0)
            problems.Add(new RunProblem(string.Format(CultureInfo.InvariantCulture, "{0} {1} could not be synced (each is reported with its table, id and reason)",
                FailureCount, FailureCount == 1 ? "entry" : "entries")));
        foreach (var table in Tables.Where(t => t.Status is TableStatus.Unmatched or TableStatus.Failed))
            problems.Add(new RunProblem($"table '{table.Table}' ({SyncRunner.Arrow(table.Direction)}) was not synced: {table.Message}", table));
        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}";
}
