using System;

namespace Synced.Core.Checkpoints;

/// <summary>
/// Records a run that failed before the runner could write its checkpoint (a cluster unreachable, a table
/// pattern matching nothing) as the configuration's last run, so the failed-run streak and the last success
/// survive from one cron run to the next. Touches only an existing checkpoint, under the configuration's lock,
/// and never its watermarks.
/// </summary>
public static class FailedRunRecorder
{
    /// <summary>The status a recorded failure carries.</summary>
    public const string FailedStatus = "Failed";

    /// <summary>
    /// Writes the failure as the last run and returns the summary written; null when there is nothing to
    /// update (no checkpoint yet) or another run holds the lock (its own result will say more).
    /// </summary>
    /// <exception cref="CheckpointCorruptException">The checkpoint file cannot be used.</exception>
    /// <exception cref="StatePathException">The state directory cannot be used.</exception>
    public static RunSummary? Record(CheckpointStore checkpoints, SyncConfiguration configuration, DateTime startedAt, TimeSpan duration, DateTime now)
    {
        if (checkpoints is null) throw new ArgumentNullException(nameof(checkpoints));
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        RunLock runLock;
        try
        {
            runLock = checkpoints.AcquireLock(configuration);
        }
        catch (CheckpointLockedException)
        {
            return null;
        }
        using (runLock)
        {
            var checkpoint = checkpoints.TryRead(configuration);
            if (checkpoint is null) return null;
            var summary = new RunSummary { Status = FailedStatus, Begin = startedAt, End = startedAt, StartedAt = startedAt, Duration = duration }.After(checkpoint.LastRun);
            checkpoints.Write(checkpoint.With(checkpoint.Watermarks, checkpoint.Baselines, now, summary));
            return summary;
        }
    }
}
