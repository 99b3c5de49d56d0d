using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// One run of a configuration: takes its lock, lists the tables of both sides and checks the selection, gives
/// each table and direction its own range (from its watermark minus the overlap, or the beginning), runs the
/// engine, and moves each watermark to the end only when that table and direction finished with no failed
/// entry and no gap can open behind it (its range starts at or before the watermark).
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

    /// <summary>Runs <paramref name="request"/> between the two stores.</summary>
    /// <exception cref="CheckpointLockedException">Another run of the configuration is in progress.</exception>
    /// <exception cref="CheckpointCorruptException">The checkpoint file cannot be used.</exception>
    /// <exception cref="StatePathException">The state directory cannot be used.</exception>
    /// <exception cref="InvalidTimeRangeException">The range is empty or ends in the future.</exception>
    /// <exception cref="TableNotFoundException">A table pattern matches no table on either side; nothing ran.</exception>
    /// <exception cref="SyncCancelledException">Cancelled; only the watermarks of tables that finished before moved.</exception>
    public async Task<SyncResult> RunAsync(SyncRequest request, ISyncStore cassandra, ISyncStore elasticsearch,
        ISyncObserver? observer, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        observer ??= NullSyncObserver.Instance;
        // Captured once, at microsecond precision, so the range end and the watermarks are the same instant.
        var startedAt = UtcTime.TruncateToMicroseconds(_utcNow());
        var clock = Stopwatch.StartNew();
        var configuration = request.Configuration;
        var end = RangeResolver.ResolveEnd(request.End, request.Overlap, startedAt);
        var explicitBegin = RangeResolver.ResolveBegin(request.Begin, end);

        using var runLock = request.DryRun ? null : _checkpoints.AcquireLock(configuration, observer.OnWarning);
        var checkpoint = request.NoCheckpoint ? null : _checkpoints.TryRead(configuration);

        observer.OnPhase($"Listing the tables of {cassandra.Name} and {elasticsearch.Name}");
        var inventory = await TableInventory.ListAsync(cassandra, elasticsearch, cancellationToken).ConfigureAwait(false);
        inventory.EnsureSelectionMatches(request.Tables);
        if (checkpoint is { Baselines.Count: > 0 })
        {
            // A baseline (a first-format checkpoint, or one set before any run) becomes the own watermark of
            // every table known now; a table that appears later starts at the beginning.
            checkpoint = checkpoint.WithBaselinesApplied(inventory.Names.SelectMany(KeysOf));
        }

        var overlap = request.Overlap;
        TimeRange? RangeFor(string table, SyncDirection direction)
            => RangeResolver.RangeFor(explicitBegin, checkpoint?.WatermarkFor(new WatermarkKey(table, direction)), overlap, end);

        observer.OnPhase(explicitBegin is { } b
            ? $"Range [{UtcTime.Format(b)}, {UtcTime.Format(end)}) for every table, as given"
            : $"Range per table and direction: from its watermark minus the overlap {overlap} (or the beginning, 1970-01-01, without one) to {UtcTime.Format(end)}");

        SyncResult result;
        SyncCancelledException? cancelled = null;
        try
        {
            result = await _engine.RunAsync(request, cassandra, elasticsearch, new TableRanges(RangeFor), inventory, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncCancelledException ex)
        {
            result = ex.Result;
            cancelled = ex;
        }
        clock.Stop();

        var watermarks = checkpoint?.Watermarks.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<WatermarkKey, DateTime>();
        var mayMove = !request.DryRun && !request.NoCheckpoint;
        foreach (var table in result.Tables)
        {
            var key = new WatermarkKey(table.Table, table.Direction);
            table.WatermarkBefore = checkpoint?.WatermarkFor(key);
            table.WatermarkAfter = table.WatermarkBefore;
            if (!mayMove || table.Status != TableStatus.Synced || table.Failed > 0 || table.Range is not { } range) continue;
            var floor = table.WatermarkBefore ?? UtcTime.Epoch;
            if (range.Begin > floor || range.End <= floor) continue; // a gap would open behind it, or nothing new
            watermarks[key] = range.End;
            table.WatermarkAfter = range.End;
        }

        result.StartedAt = startedAt;
        result.Duration = clock.Elapsed;
        result.End = end;
        result.Begin = explicitBegin ?? result.Tables.Where(t => t.Range is not null).Select(t => t.Range!.Value.Begin).DefaultIfEmpty(end).Min();
        result.BeginSource = explicitBegin is not null ? RangeSource.Explicit
            : result.Tables.Any(t => t.WatermarkBefore is not null && t.Range is not null) ? RangeSource.Checkpoint : RangeSource.Epoch;
        result.CheckpointNote = DescribeWatermarks(request, result, end);

        if (mayMove && (result.CheckpointAdvanced || checkpoint is not null))
        {
            var summary = result.ToSummary(checkpoint?.LastRun);
            var next = checkpoint?.With(watermarks, null, UtcTime.Normalize(_utcNow()), summary)
                ?? new Checkpoint(configuration, watermarks, null, UtcTime.Normalize(_utcNow()), summary);
            _checkpoints.Write(next);
        }

        // What the stopped run did goes up with the stop, for the caller that reports it.
        if (cancelled is not null) throw cancelled;

        if (request.Verify && !request.DryRun && result.Begin < end)
        {
            // After the watermarks: what the compare finds is reported, it does not change what the run did.
            try
            {
                result.Verification = await RunVerification.CompareAsync(cassandra, elasticsearch, request.Tables, new TimeRange(result.Begin, end), observer, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run itself is done and its watermarks are written: a compare that cannot finish is said, not thrown.
                observer.OnWarning($"Verifying: the compare of {new TimeRange(result.Begin, end)} could not be done: {ex.Message}. Compare-SyncedData can do it later.");
            }
        }
        return result;
    }

    private static IEnumerable<WatermarkKey> KeysOf(string table)
    {
        yield return new WatermarkKey(table, SyncDirection.CassandraToElasticsearch);
        yield return new WatermarkKey(table, SyncDirection.ElasticsearchToCassandra);
    }

    private static string DescribeWatermarks(SyncRequest request, SyncResult result, DateTime end)
    {
        if (request.DryRun) return "A dry run moves no watermark.";
        if (request.NoCheckpoint) return "Without the checkpoint, the watermarks were neither read nor written.";
        var synced = result.Tables.Where(t => t.Status != TableStatus.Ignored).ToList();
        if (synced.Count == 0) return "No table took part, so no watermark moved.";
        var moved = synced.Count(t => t.WatermarkAdvanced);
        var kept = synced.Where(t => !t.WatermarkAdvanced).ToList();
        var text = moved == 0 ? "No watermark moved" : $"Advanced {moved} of {synced.Count} watermarks to {UtcTime.Format(end)}";
        if (kept.Count == 0) return text + ".";
        return text + "; kept " + string.Join("; ", kept.Select(t => $"{t.Table} ({Arrow(t.Direction)}) at {(t.WatermarkBefore is { } w ? UtcTime.Format(w) : "none")}: {WhyKept(t)}")) + ".";
    }

    private static string WhyKept(TableResult table)
    {
        if (table.Status == TableStatus.Incomplete) return string.Format(CultureInfo.InvariantCulture, "{0} {1} failed, so the next run retries this range", table.Failed, table.Failed == 1 ? "entry" : "entries");
        if (table.Status == TableStatus.Failed) return "the table failed, so the next run retries this range";
        if (table.Status == TableStatus.Unmatched) return "no counterpart in the target";
        if (table.Status == TableStatus.Cancelled) return "the run was stopped";
        if (table.Range is null) return "already at or after the end";
        var floor = table.WatermarkBefore ?? UtcTime.Epoch;
        if (table.Range.Value.Begin > floor)
            return table.WatermarkBefore is null
                ? "the range starts after the beginning and the table has no watermark yet, so moving it would skip everything before"
                : "the range starts after the watermark, so moving it would open a gap";
        return "the range does not end after it";
    }

    internal static string Arrow(SyncDirection direction)
        => direction == SyncDirection.ElasticsearchToCassandra ? "Elasticsearch -> Cassandra" : "Cassandra -> Elasticsearch";
}
