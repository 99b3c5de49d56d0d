using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>What a run did: its range, per-table results, failures, and what became of the checkpoint.</summary>
public sealed class SyncRunResult
{
    internal SyncRunResult(string name, string keyspace, string index, ResolvedRange range, SyncDirection direction, DateTime startedAt,
        TimeSpan duration, RunStatus status, bool checkpointAdvanced, string checkpointNote, EngineResult engine)
    {
        Name = name;
        Keyspace = keyspace;
        Index = index;
        Begin = range.Range.Begin;
        End = range.Range.End;
        BeginSource = range.BeginSource;
        Direction = direction;
        StartedAt = startedAt;
        Duration = duration;
        Status = status;
        CheckpointAdvanced = checkpointAdvanced;
        CheckpointNote = checkpointNote;
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

    /// <summary>Range begin, UTC.</summary>
    public DateTime Begin { get; }

    /// <summary>Range end, UTC.</summary>
    public DateTime End { get; }

    /// <summary>Where the begin came from.</summary>
    public RangeSource BeginSource { get; }

    /// <summary>Direction(s) synced.</summary>
    public SyncDirection Direction { get; }

    /// <summary>When the run started, UTC.</summary>
    public DateTime StartedAt { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How it ended.</summary>
    public RunStatus Status { get; }

    /// <summary>True when the checkpoint moved to <see cref="End"/>.</summary>
    public bool CheckpointAdvanced { get; }

    /// <summary>What happened to the checkpoint and why, in a sentence.</summary>
    public string CheckpointNote { get; }

    /// <summary>One result per table and direction.</summary>
    public IReadOnlyList<TableResult> Tables { get; }

    /// <summary>Failed entries (up to the kept limit).</summary>
    public IReadOnlyList<EntryFailure> Failures { get; }

    /// <summary>How many entries failed in all.</summary>
    public long FailureCount { get; }
}
