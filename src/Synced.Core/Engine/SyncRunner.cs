using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// One run of a configuration: takes its lock, resolves the range from the checkpoint, runs the engine, and
/// moves the checkpoint to the end only when nothing failed, nothing was cancelled, and no gap can open
/// behind it (the range starts at or before the current checkpoint).
/// </summary>
public sealed class SyncRunner
{
    private readonly CheckpointStore _checkpoints;
    private readonly Func<DateTime> _utcNow;
    private readonly SyncEngine _engine = new();

    /// <summary>Creates a runner over a checkpoint store.</summary>
    /// <param name="checkpoints">Where checkpoints and locks live.</param>
    /// <param name="utcNow">The clock (tests pass their own).</param>
    public SyncRunner(CheckpointStore checkpoints, Func<DateTime>? utcNow = null)
    {
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    /// <summary>Resolves the range a request would sync (no lock, no stores): for -WhatIf messages and validation.</summary>
    public ResolvedRange ResolveRange(SyncRunRequest request, DateTime startedAt)
    {
        var checkpoint = request.NoCheckpoint ? null : _checkpoints.TryRead(request.Configuration);
        return RangeResolver.Resolve(request.Begin, request.End, request.Overlap, checkpoint?.End, startedAt);
    }

    /// <summary>Runs <paramref name="request"/> between the two stores.</summary>
    /// <exception cref="CheckpointLockedException">Another run of the configuration is in progress.</exception>
    /// <exception cref="CheckpointCorruptException">The checkpoint file cannot be used.</exception>
    /// <exception cref="InvalidTimeRangeException">The range is empty or ends in the future.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the checkpoint is untouched.</exception>
    public async Task<SyncRunResult> RunAsync(SyncRunRequest request, ISyncStore cassandra, ISyncStore elasticsearch,
        ISyncObserver? observer, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        observer ??= NullSyncObserver.Instance;
        // Captured once, at microsecond precision, so the range end and the checkpoint are the same instant.
        var startedAt = TimeInput.TruncateToMicroseconds(_utcNow());
        var clock = Stopwatch.StartNew();
        var configuration = request.Configuration;

        using var runLock = request.DryRun ? null : _checkpoints.AcquireLock(configuration, observer.OnWarning);
        var checkpoint = request.NoCheckpoint ? null : _checkpoints.TryRead(configuration);
        var range = RangeResolver.Resolve(request.Begin, request.End, request.Overlap, checkpoint?.End, startedAt);
        observer.OnPhase(range.BeginSource switch
        {
            RangeSource.Checkpoint => $"Range {range.Range}: from the checkpoint {TimeInput.Format(checkpoint!.End)} minus the overlap {request.Overlap}",
            RangeSource.Epoch => $"Range {range.Range}: no checkpoint yet, so from the epoch",
            _ => $"Range {range.Range}: as given",
        });

        var plan = new SyncPlan(cassandra, elasticsearch, range.Range)
        {
            Direction = configuration.Direction,
            Tables = configuration.Tables,
            BatchSize = request.BatchSize,
            Parallelism = request.Parallelism,
            DryRun = request.DryRun,
            CreateMissing = request.CreateMissing,
        };
        var engine = await _engine.RunAsync(plan, observer, cancellationToken).ConfigureAwait(false);
        clock.Stop();

        var status = request.DryRun ? RunStatus.WhatIf : engine.Complete ? RunStatus.Succeeded : RunStatus.Incomplete;
        var (advance, note) = DecideCheckpoint(request, checkpoint, range.Range, engine);

        if (!request.DryRun && !request.NoCheckpoint && (advance || checkpoint is not null))
        {
            var summary = new RunSummary
            {
                Status = status.ToString(),
                Begin = range.Range.Begin,
                End = range.Range.End,
                StartedAt = startedAt,
                Duration = clock.Elapsed,
                Read = engine.Tables.Sum(t => t.Read),
                Written = engine.Tables.Sum(t => t.Written),
                SkippedNotNewer = engine.Tables.Sum(t => t.SkippedNotNewer),
                Failed = engine.FailureCount,
                CheckpointAdvanced = advance,
            };
            var newEnd = advance ? range.Range.End : checkpoint!.End;
            _checkpoints.Write(new Checkpoint(configuration, newEnd, TimeInput.Normalize(_utcNow()), summary));
        }

        return new SyncRunResult(configuration.DisplayName, configuration.Keyspace, configuration.Index, range, configuration.Direction,
            startedAt, clock.Elapsed, status, advance, note, engine);
    }

    private static (bool Advance, string Note) DecideCheckpoint(SyncRunRequest request, Checkpoint? checkpoint, TimeRange range, EngineResult engine)
    {
        var current = checkpoint?.End;
        var currentText = current is null ? "none" : TimeInput.Format(current.Value);
        if (request.DryRun) return (false, $"-WhatIf: the checkpoint was left as it was ({currentText}).");
        if (request.NoCheckpoint) return (false, "-NoCheckpoint: the checkpoint was neither read nor written.");
        if (!engine.Complete)
            return (false, $"Not advanced: {engine.FailureCount} entries and {engine.Tables.Count(t => t.Status == TableStatus.Failed)} tables failed; the checkpoint stays at {currentText} so the next run retries this range.");
        var floor = current ?? TimeInput.Epoch;
        if (range.Begin > floor)
            return (false, current is null
                ? $"Not advanced: the range starts at {TimeInput.Format(range.Begin)}, after the epoch, and this configuration has no checkpoint yet; advancing would skip everything before it. Run without -Begin to sync from the epoch."
                : $"Not advanced: the range starts at {TimeInput.Format(range.Begin)}, after the checkpoint {currentText}; advancing would open a gap.");
        if (range.End <= floor)
            return (false, $"Not advanced: the range ends at {TimeInput.Format(range.End)}, not after the checkpoint {currentText}.");
        return (true, $"Advanced from {currentText} to {TimeInput.Format(range.End)}.");
    }
}
