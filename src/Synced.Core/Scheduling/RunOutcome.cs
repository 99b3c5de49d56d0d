using System;
using System.Collections.Generic;
using Synced.Core.Checkpoints;
using Synced.Core.Engine;

namespace Synced.Core.Scheduling;

/// <summary>
/// How one run of a loop (or a single run) ended: its result when it got that far, else the error that
/// stopped it; what the configuration's checkpoint says after it (failed-run streak, last success,
/// watermarks); and, in continuous mode, when the next run starts. What the summary line and the metrics show.
/// </summary>
public sealed class RunOutcome
{
    private static readonly IReadOnlyDictionary<WatermarkKey, DateTime> NoWatermarks = new Dictionary<WatermarkKey, DateTime>();

    /// <summary>Creates an outcome.</summary>
    public RunOutcome(SyncRequest request, int number, RunOutcomeStatus status, DateTime startedAt, DateTime endedAt,
        SyncResult? result = null, Exception? error = null)
    {
        Request = request ?? throw new ArgumentNullException(nameof(request));
        Number = number;
        Status = status;
        StartedAt = startedAt;
        EndedAt = endedAt < startedAt ? startedAt : endedAt;
        Result = result;
        Error = error;
    }

    /// <summary>What the run was asked to do.</summary>
    public SyncRequest Request { get; }

    /// <summary>The configuration that ran.</summary>
    public SyncConfiguration Configuration => Request.Configuration;

    /// <summary>1 for the first run of the loop, 2 for the next, ...</summary>
    public int Number { get; }

    /// <summary>How the run ended.</summary>
    public RunOutcomeStatus Status { get; }

    /// <summary>When it started, UTC.</summary>
    public DateTime StartedAt { get; }

    /// <summary>When it ended, UTC.</summary>
    public DateTime EndedAt { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => EndedAt - StartedAt;

    /// <summary>What the run did; null when it failed or was skipped before it had a result.</summary>
    public SyncResult? Result { get; }

    /// <summary>The error that ended the run (Failed, Skipped); null otherwise.</summary>
    public Exception? Error { get; }

    /// <summary>True when the error cannot go away by itself, so the loop ended on it.</summary>
    public bool IsFatal { get; internal set; }

    /// <summary>True when the run failed on an error that may be a lost connection, so the next run connects afresh.</summary>
    public bool Reconnects { get; internal set; }

    /// <summary>Runs in a row, this one included, that did not succeed (the checkpoint's count when it holds one); 0 after a success.</summary>
    public long ConsecutiveFailures { get; internal set; }

    /// <summary>When the last run that succeeded started, UTC; null when none has.</summary>
    public DateTime? LastSuccessAt { get; internal set; }

    /// <summary>The watermarks of the selected tables and directions after the run (empty with -NoCheckpoint).</summary>
    public IReadOnlyDictionary<WatermarkKey, DateTime> Watermarks { get; internal set; } = NoWatermarks;

    /// <summary>When the next run of the loop starts; null for a single run or the last run of a loop.</summary>
    public DateTime? NextRunAt { get; internal set; }

    /// <summary>True when the run counts as failed (for the backoff and the streak): Incomplete or Failed.</summary>
    public bool IsFailure => Status is RunOutcomeStatus.Incomplete or RunOutcomeStatus.Failed;

    /// <inheritdoc />
    public override string ToString() => $"run {Number} of {Configuration.DisplayName}: {Status}";
}
