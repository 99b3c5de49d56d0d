using System;

namespace Synced.Core.Checkpoints;

/// <summary>
/// What a checkpoint remembers of the last run of its configuration: the persisted form of a run's result
/// (<c>SyncResult.ToSummary</c>), or of a run that failed before it had one (<see cref="FailedRunRecorder"/>).
/// </summary>
public sealed class RunSummary
{
    /// <summary>Succeeded, Incomplete, Stopped, ...</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Range begin, UTC.</summary>
    public DateTime Begin { get; set; }

    /// <summary>Range end, UTC.</summary>
    public DateTime End { get; set; }

    /// <summary>When the run started, UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Entries read from the sources.</summary>
    public long Read { get; set; }

    /// <summary>Entries written to the targets.</summary>
    public long Written { get; set; }

    /// <summary>Entries the targets already held in the same or a newer version.</summary>
    public long SkippedNotNewer { get; set; }

    /// <summary>Entries that could not be written.</summary>
    public long Failed { get; set; }

    /// <summary>Whether the run moved any watermark.</summary>
    public bool CheckpointAdvanced { get; set; }

    /// <summary>How many runs in a row, this one included, did not succeed (0 after a success).</summary>
    public long ConsecutiveFailures { get; set; }

    /// <summary>When the last run that succeeded started, UTC; null when none has yet.</summary>
    public DateTime? LastSuccessAt { get; set; }

    /// <summary>True when the run succeeded.</summary>
    internal bool Succeeded => Status == "Succeeded";

    /// <summary>
    /// Carries the failed-run streak and the last success on from <paramref name="previous"/> (the one place they
    /// are counted): a success resets the streak and is the last success; anything else adds one to the streak.
    /// </summary>
    internal RunSummary After(RunSummary? previous)
    {
        ConsecutiveFailures = Succeeded ? 0 : (previous?.ConsecutiveFailures ?? 0) + 1;
        LastSuccessAt = Succeeded ? StartedAt : previous?.LastSuccessAt;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Status}: {Read} read, {Written} written, {SkippedNotNewer} not newer, {Failed} failed";
}
