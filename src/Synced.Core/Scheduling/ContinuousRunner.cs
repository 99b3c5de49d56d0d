using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Scheduling;

/// <summary>
/// Runs a configuration once, or again and again on a <see cref="RunSchedule"/> until stopped: one pair of
/// stores for the whole life (reconnected after a run that failed on an error), one run at a time, backoff
/// after failed runs, and a stop that lets the run under way end at a safe point (the runner keeps only the
/// watermarks of tables that finished). Errors of a run never end the loop unless they cannot go away by
/// themselves (<see cref="RunOutcome.IsFatal"/>); each run's outcome is handed over as it ends.
/// </summary>
public sealed class ContinuousRunner
{
    private readonly SyncRequest _request;
    private readonly CheckpointStore _checkpoints;
    private readonly StorePair _stores;
    private readonly RunSchedule? _schedule;
    private readonly SchedulerClock _clock;
    private readonly SyncRunner _runner;

    /// <summary>
    /// Connects to both clusters, runs <paramref name="request"/> once or on <paramref name="schedule"/> until
    /// stopped, and closes the connections: the one entry point of a run (see <see cref="RunAsync(Action{RunOutcome}, ISyncObserver?, CancellationToken)"/>).
    /// </summary>
    /// <param name="request">What each run does (its range is resolved anew for every run).</param>
    /// <param name="settings">How to reach both clusters.</param>
    /// <param name="checkpoints">Where the configuration's checkpoint and lock live.</param>
    /// <param name="schedule">When to run; null for a single run.</param>
    /// <param name="onRunEnded">Called with each run's outcome as it ends, on the loop's thread, before the next wait.</param>
    /// <param name="observer">Receives the runs' reports and the loop's own phases.</param>
    /// <param name="stop">Ends the loop: the run under way stops at a safe point, a wait ends at once.</param>
    public static async Task<RunOutcome?> RunAsync(SyncRequest request, ConnectionSettings settings, CheckpointStore checkpoints, RunSchedule? schedule,
        Action<RunOutcome> onRunEnded, ISyncObserver? observer, CancellationToken stop)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var stores = StoreConnector.Pair(settings, request.Configuration.Keyspace, request.Configuration.Index, request.CreateMissing, request.ConflictMode);
        await using (stores.ConfigureAwait(false))
            return await new ContinuousRunner(request, checkpoints, stores, schedule).RunAsync(onRunEnded, observer, stop).ConfigureAwait(false);
    }

    /// <summary>Creates a loop over stores the caller owns.</summary>
    /// <param name="request">What each run does (its range is resolved anew for every run).</param>
    /// <param name="checkpoints">Where the configuration's checkpoint and lock live.</param>
    /// <param name="stores">The stores the runs share.</param>
    /// <param name="schedule">When to run; null for a single run.</param>
    /// <param name="clock">The clock (tests pass their own); null for the machine's.</param>
    public ContinuousRunner(SyncRequest request, CheckpointStore checkpoints, StorePair stores, RunSchedule? schedule, SchedulerClock? clock = null)
    {
        _request = request ?? throw new ArgumentNullException(nameof(request));
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        if (schedule is not null && (request.Begin is not null || request.End is not null))
            throw new ArgumentException("a repeated run syncs from the watermarks to the moment it starts: it takes no fixed begin or end", nameof(request));
        _schedule = schedule;
        _clock = clock ?? SchedulerClock.System;
        _runner = new SyncRunner(checkpoints, () => _clock.UtcNow);
    }

    /// <summary>
    /// Runs until the schedule is done (a single run), a fatal error, or <paramref name="stop"/>; returns the
    /// last outcome (null when stopped before the first run started).
    /// </summary>
    /// <param name="onRunEnded">Called with each run's outcome as it ends, on the loop's thread, before the next wait.</param>
    /// <param name="observer">Receives the runs' reports and the loop's own phases.</param>
    /// <param name="stop">Ends the loop: the run under way stops at a safe point, a wait ends at once.</param>
    public async Task<RunOutcome?> RunAsync(Action<RunOutcome> onRunEnded, ISyncObserver? observer, CancellationToken stop)
    {
        if (onRunEnded is null) throw new ArgumentNullException(nameof(onRunEnded));
        observer ??= NullSyncObserver.Instance;
        var history = ReadHistory(observer);
        var firstStart = _clock.UtcNow;
        var due = firstStart;
        var failuresInARow = 0;
        var hadResult = false;
        RunOutcome? last = null;

        for (var number = 1; ; number++)
        {
            var wait = due - _clock.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await _clock.DelayAsync(wait, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return last;
                }
            }
            if (stop.IsCancellationRequested) return last;

            var outcome = await RunOnceAsync(number, hadResult, observer, stop).ConfigureAwait(false);
            hadResult |= outcome.Result is not null;
            if (outcome.IsFailure) failuresInARow++;
            else if (outcome.Status is RunOutcomeStatus.Succeeded or RunOutcomeStatus.WhatIf) failuresInARow = 0;
            history = Remember(outcome, history);
            last = outcome;

            var ends = _schedule is null || outcome.IsFatal || outcome.Status == RunOutcomeStatus.Stopped || stop.IsCancellationRequested;
            if (!ends)
            {
                due = _schedule!.NextStart(firstStart, due, outcome.EndedAt, failuresInARow);
                outcome.NextRunAt = due;
            }
            onRunEnded(outcome);
            if (ends) return last;
            observer.OnPhase(failuresInARow > 0
                ? string.Format(CultureInfo.InvariantCulture, "Next run at {0} (after {1} failed {2} in a row, waiting {3})",
                    UtcTime.Format(due), failuresInARow, failuresInARow == 1 ? "run" : "runs", _schedule!.Backoff(failuresInARow))
                : $"Next run at {UtcTime.Format(due)}");
        }
    }

    private async Task<RunOutcome> RunOnceAsync(int number, bool hadResult, ISyncObserver observer, CancellationToken stop)
    {
        var startedAt = _clock.UtcNow;
        var request = _request;
        try
        {
            if (!_stores.IsOpen) observer.OnPhase(number > 1 ? "Connecting again to both clusters" : $"Connecting to {_stores.Description}");
            var (cassandra, elasticsearch) = await _stores.GetAsync(stop).ConfigureAwait(false);
            var result = await _runner.RunAsync(_request, cassandra, elasticsearch, observer, stop).ConfigureAwait(false);
            var outcome = new RunOutcome(request, number, StatusOf(result.Status), result.StartedAt, _clock.UtcNow, result);
            if (RunFailures.MayHaveLostConnection(result)) await ReconnectLaterAsync(outcome, observer).ConfigureAwait(false);
            return outcome;
        }
        catch (SyncCancelledException ex) when (stop.IsCancellationRequested)
        {
            return new RunOutcome(request, number, RunOutcomeStatus.Stopped, ex.Result.StartedAt == default ? startedAt : ex.Result.StartedAt, _clock.UtcNow, ex.Result);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new RunOutcome(request, number, RunOutcomeStatus.Stopped, startedAt, _clock.UtcNow);
        }
        catch (CheckpointLockedException ex)
        {
            return new RunOutcome(request, number, RunOutcomeStatus.Skipped, startedAt, _clock.UtcNow, null, ex);
        }
        catch (Exception ex)
        {
            var outcome = new RunOutcome(request, number, RunOutcomeStatus.Failed, startedAt, _clock.UtcNow, null, ex)
            {
                IsFatal = RunFailures.IsFatal(ex, hadResult),
            };
            if (RunFailures.MayHaveLostConnection(ex)) await ReconnectLaterAsync(outcome, observer).ConfigureAwait(false);
            return outcome;
        }
    }

    private async Task ReconnectLaterAsync(RunOutcome outcome, ISyncObserver observer)
    {
        outcome.Reconnects = true;
        try
        {
            await _stores.ResetAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Closing a broken connection can fail too; the next run connects afresh either way.
            observer.OnWarning($"Closing the connections after run {outcome.Number} failed: {ex.Message}");
        }
    }

    private static RunOutcomeStatus StatusOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded => RunOutcomeStatus.Succeeded,
        RunStatus.Incomplete => RunOutcomeStatus.Incomplete,
        RunStatus.WhatIf => RunOutcomeStatus.WhatIf,
        _ => RunOutcomeStatus.Stopped,
    };

    private bool ReadsCheckpoint => !_request.NoCheckpoint && !_request.DryRun;

    /// <summary>The streak and last success the checkpoint holds before the loop starts.</summary>
    private History ReadHistory(ISyncObserver observer)
    {
        if (!ReadsCheckpoint) return default;
        try
        {
            var lastRun = _checkpoints.TryRead(_request.Configuration)?.LastRun;
            return new History(lastRun?.ConsecutiveFailures ?? 0, lastRun?.LastSuccessAt);
        }
        catch (Exception ex) when (ex is CheckpointCorruptException or StatePathException)
        {
            return default; // the run itself reports it
        }
    }

    /// <summary>
    /// Fills the outcome's streak, last success and watermarks: from the checkpoint when the run wrote it (it
    /// counts runs of other processes too), else from what this loop saw. A failure the runner could not
    /// record is recorded here.
    /// </summary>
    private History Remember(RunOutcome outcome, History before)
    {
        var expected = outcome.Status switch
        {
            RunOutcomeStatus.Succeeded => new History(0, outcome.StartedAt),
            RunOutcomeStatus.Skipped or RunOutcomeStatus.WhatIf => before,
            _ => new History(before.ConsecutiveFailures + 1, before.LastSuccessAt),
        };
        if (!ReadsCheckpoint)
        {
            Apply(outcome, expected, null);
            return expected;
        }

        try
        {
            var current = expected;
            if (outcome.Status == RunOutcomeStatus.Failed)
            {
                var recorded = outcome.IsFatal ? null
                    : FailedRunRecorder.Record(_checkpoints, outcome.Configuration, outcome.StartedAt, outcome.Duration, UtcTime.Normalize(_clock.UtcNow));
                if (recorded is not null) current = new History(recorded.ConsecutiveFailures, recorded.LastSuccessAt);
            }
            var checkpoint = _checkpoints.TryRead(outcome.Configuration);
            // The checkpoint speaks for this run when the runner wrote it: its last run started when this one did.
            if (outcome.Result is not null && checkpoint?.LastRun is { } lastRun && lastRun.StartedAt == outcome.StartedAt)
                current = new History(lastRun.ConsecutiveFailures, lastRun.LastSuccessAt);
            Apply(outcome, current, checkpoint);
            return current;
        }
        catch (Exception ex) when (ex is CheckpointCorruptException or StatePathException or CheckpointLockedException)
        {
            Apply(outcome, expected, null);
            return expected;
        }
    }

    private void Apply(RunOutcome outcome, History history, Checkpoint? checkpoint)
    {
        outcome.ConsecutiveFailures = history.ConsecutiveFailures;
        outcome.LastSuccessAt = history.LastSuccessAt;
        if (checkpoint is null) return;
        var watermarks = new Dictionary<WatermarkKey, DateTime>();
        foreach (var pair in checkpoint.Watermarks)
        {
            if (!_request.Tables.Matches(pair.Key.Table)) continue;
            if (_request.Direction != SyncDirection.Both && pair.Key.Direction != _request.Direction) continue;
            watermarks[pair.Key] = pair.Value;
        }
        outcome.Watermarks = watermarks;
    }

    private readonly struct History
    {
        public History(long consecutiveFailures, DateTime? lastSuccessAt)
        {
            ConsecutiveFailures = consecutiveFailures;
            LastSuccessAt = lastSuccessAt;
        }

        public long ConsecutiveFailures { get; }
        public DateTime? LastSuccessAt { get; }
    }
}
