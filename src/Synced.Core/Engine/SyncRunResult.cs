using System;
using System.Collections.Generic;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>What a run did: its range, per-table results with their watermarks, failures, and what is incomplete.</summary>
public sealed class SyncRunResult
{
    internal SyncRunResult(SyncConfiguration configuration, SyncRunRequest request, DateTime begin, DateTime end, RangeSource beginSource,
        DateTime startedAt, TimeSpan duration, RunStatus status, string checkpointNote, IReadOnlyList<string> problems, EngineResult engine)
    {
        Name = configuration.DisplayName;
        Keyspace = configuration.Keyspace;
        Index = configuration.Index;
        Selection = request.Tables;
        Begin = begin;
        End = end;
        BeginSource = beginSource;
        Direction = request.Direction;
        StartedAt = startedAt;
        Duration = duration;
        Status = status;
        CheckpointNote = checkpointNote;
        Problems = problems;
        Tables = engine.Tables;
        Failures = engine.Failures;
        FailureCount = engine.FailureCount;
    }

    /// <summary>The configuration's checkpoint name.</summary>
    public string Name { get; }

    /// <summary>Keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Index.</summary>
    public string Index { get; }

    /// <summary>Which tables took part.</summary>
    public TableSelection Selection { get; }

    /// <summary>The earliest begin of any table's range (or -Begin), UTC.</summary>
    public DateTime Begin { get; }

    /// <summary>Range end, UTC: the same for every table.</summary>
    public DateTime End { get; }

    /// <summary>Where the begin came from: -Begin, the watermarks, or the beginning (no watermark yet).</summary>
    public RangeSource BeginSource { get; }

    /// <summary>Direction(s) synced.</summary>
    public SyncDirection Direction { get; }

    /// <summary>When the run started, UTC.</summary>
    public DateTime StartedAt { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How it ended.</summary>
    public RunStatus Status { get; }

    /// <summary>True when any watermark moved.</summary>
    public bool CheckpointAdvanced
    {
        get
        {
            foreach (var table in Tables)
                if (table.WatermarkAdvanced) return true;
            return false;
        }
    }

    /// <summary>What happened to the watermarks and why, in a sentence.</summary>
    public string CheckpointNote { get; }

    /// <summary>Why the run is incomplete, one sentence per cause with what to do; empty when nothing is missing.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>One result per table and direction.</summary>
    public IReadOnlyList<TableResult> Tables { get; }

    /// <summary>Failed entries (up to the kept limit).</summary>
    public IReadOnlyList<EntryFailure> Failures { get; }

    /// <summary>How many entries failed in all.</summary>
    public long FailureCount { get; }

    /// <summary>The compare of the run's range after it synced (-Verify); null without it.</summary>
    public Comparison.ComparisonResult? Verification { get; internal set; }
}
