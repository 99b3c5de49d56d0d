using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Stores;

namespace Synced.Core.Engine;

/// <summary>
/// Runs the sync algorithm over two stores: for each direction (Cassandra to Elasticsearch first), for each
/// selected table of the source, stream the range into bounded batches, collapse the versions of one id to
/// the newest, and upsert-if-newer into the target with a bounded number of batches in flight. Memory is
/// independent of table size. Knows nothing of checkpoints (see <see cref="SyncRunner"/>).
/// </summary>
public sealed class SyncEngine
{
    /// <summary>Runs <paramref name="plan"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is reported as complete.</exception>
    public async Task<EngineResult> RunAsync(SyncPlan plan, ISyncObserver? observer, CancellationToken cancellationToken)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        plan.Validate();
        observer ??= NullSyncObserver.Instance;
        var run = new RunState(plan, observer);

        if (plan.Direction != SyncDirection.ElasticsearchToCassandra)
            await SyncDirectionAsync(run, SyncDirection.CassandraToElasticsearch, plan.Cassandra, plan.Elasticsearch, cancellationToken).ConfigureAwait(false);
        if (plan.Direction != SyncDirection.CassandraToElasticsearch)
            await SyncDirectionAsync(run, SyncDirection.ElasticsearchToCassandra, plan.Elasticsearch, plan.Cassandra, cancellationToken).ConfigureAwait(false);

        return new EngineResult(run.Tables, run.Failures, run.FailureCount);
    }

    private static async Task SyncDirectionAsync(RunState run, SyncDirection direction, ISyncStore source, ISyncStore target, CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        run.Observer.OnPhase($"{direction}: listing the tables of {source.Name} and {target.Name}");
        var sourceTables = (await source.ListTablesAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => plan.Tables.Matches(t.Name))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var targetTables = new Dictionary<string, TableInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in await target.ListTablesAsync(cancellationToken).ConfigureAwait(false))
            targetTables[table.Name] = table;

        for (var i = 0; i < sourceTables.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sourceTable = sourceTables[i];
            var result = new TableResult(sourceTable.Name, direction);
            run.Tables.Add(result);

            if (!sourceTable.MeetsContract)
            {
                Skip(run, result, $"{source.Name} {sourceTable.Location} does not meet the data contract: {sourceTable.Reason}");
                continue;
            }

            if (!targetTables.TryGetValue(sourceTable.Name, out var targetTable))
            {
                if (!plan.CreateMissing)
                {
                    Skip(run, result, $"{target.Name} has no table for '{sourceTable.Name}'; give -CreateMissing to create it from {source.Name}'s");
                    continue;
                }
                if (plan.DryRun)
                {
                    // Nothing is created under -WhatIf; every entry of the range would be written.
                    run.Observer.OnPhase($"{direction} {sourceTable.Name}: would create the table in {target.Name}");
                    result.Created = true;
                    await CountWouldCreateAsync(run, result, source, sourceTable, i + 1, sourceTables.Count, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                run.Observer.OnPhase($"{direction} {sourceTable.Name}: creating the table in {target.Name}");
                try
                {
                    targetTable = await target.CreateTableAsync(sourceTable, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Fail(run, result, $"cannot create it in {target.Name}: {ex.Message}");
                    continue;
                }
                result.Created = true;
                targetTables[targetTable.Name] = targetTable;
            }

            if (!targetTable.MeetsContract)
            {
                Skip(run, result, $"{target.Name} {targetTable.Location} does not meet the data contract: {targetTable.Reason}");
                continue;
            }

            run.Observer.OnPhase($"{direction} {sourceTable.Name}: {source.Name} {sourceTable.Location} -> {target.Name} {targetTable.Location}, range {plan.Range}");
            await SyncTableAsync(run, result, source, sourceTable, target, targetTable, i + 1, sourceTables.Count, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SyncTableAsync(RunState run, TableResult result, ISyncStore source, TableInfo sourceTable,
        ISyncStore target, TableInfo targetTable, int tableNumber, int tableCount, CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        var clock = Stopwatch.StartNew();
        var context = new UpsertContext { SourcePrecision = source.Precision, DryRun = plan.DryRun };
        var tally = new TableTally();
        using var slots = new SemaphoreSlim(plan.Parallelism, plan.Parallelism);
        var inFlight = new List<Task>();
        using var tableCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;

        void Report() => run.Observer.OnProgress(new SyncProgress(result.Direction, result.Table, tableNumber, tableCount,
            Interlocked.Read(ref tally.Read), Interlocked.Read(ref tally.Written) + Interlocked.Read(ref tally.WouldWrite),
            Interlocked.Read(ref tally.SkippedNotNewer), Interlocked.Read(ref tally.Failed), clock.Elapsed));

        async Task UpsertAsync(List<SyncEntry> batch)
        {
            try
            {
                var (newest, superseded) = NewestPerId(batch);
                Interlocked.Add(ref tally.SkippedNotNewer, superseded);
                var outcomes = await target.UpsertIfNewerAsync(targetTable, newest, context, tableCancellation.Token).ConfigureAwait(false);
                if (outcomes.Count != newest.Count)
                    throw new InvalidOperationException($"{target.Name} returned {outcomes.Count} outcomes for a batch of {newest.Count} entries");
                for (var k = 0; k < outcomes.Count; k++)
                {
                    var outcome = outcomes[k];
                    switch (outcome.Kind)
                    {
                        case UpsertOutcomeKind.Written: Interlocked.Increment(ref tally.Written); break;
                        case UpsertOutcomeKind.WouldWrite: Interlocked.Increment(ref tally.WouldWrite); break;
                        case UpsertOutcomeKind.SkippedNotNewer: Interlocked.Increment(ref tally.SkippedNotNewer); break;
                        default:
                            Interlocked.Increment(ref tally.Failed);
                            var entry = newest[k];
                            run.AddFailure(new EntryFailure(targetTable.Name, entry.Id, entry.Tmstmp, result.Direction, outcome.Reason ?? "unknown reason"));
                            break;
                    }
                }
                Report();
            }
            finally
            {
                slots.Release();
            }
        }

        try
        {
            var batch = new List<SyncEntry>(plan.BatchSize);
            await foreach (var entry in source.ReadAsync(sourceTable, plan.Range, tableCancellation.Token).ConfigureAwait(false))
            {
                if (entry.ReadError is not null)
                {
                    // The source holds something it cannot read as an entry: report it like a failed write.
                    Interlocked.Increment(ref tally.Read);
                    Interlocked.Increment(ref tally.Failed);
                    run.AddFailure(new EntryFailure(sourceTable.Name, entry.Id, entry.Tmstmp, result.Direction,
                        $"{source.Name} cannot read '{entry.SourceKey}': {entry.ReadError}"));
                    continue;
                }
                if (!plan.Range.Contains(entry.Tmstmp)) continue; // a store's bounds are inclusive of rounding; the range is exact
                Interlocked.Increment(ref tally.Read);
                batch.Add(entry);
                if (batch.Count < plan.BatchSize) continue;

                await slots.WaitAsync(tableCancellation.Token).ConfigureAwait(false);
                inFlight.Add(UpsertAsync(batch));
                batch = new List<SyncEntry>(plan.BatchSize);
                if (inFlight.Count >= plan.Parallelism * 2) await PruneAsync(inFlight).ConfigureAwait(false);
            }
            if (batch.Count > 0)
            {
                await slots.WaitAsync(tableCancellation.Token).ConfigureAwait(false);
                inFlight.Add(UpsertAsync(batch));
            }
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            tableCancellation.Cancel();
            try
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
            catch
            {
                // The first error is the one that counts; the others followed from the cancellation.
            }
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                result.Status = TableStatus.Cancelled;
                Finish(result, tally, clock);
                throw;
            }
            failure = ex;
        }

        Finish(result, tally, clock);
        if (failure is not null)
        {
            Fail(run, result, $"stopped after {result.Read} entries: {Describe(failure)}");
            return;
        }
        result.Status = result.Failed > 0 ? TableStatus.Incomplete : TableStatus.Synced;
        Report();
    }

    private static async Task CountWouldCreateAsync(RunState run, TableResult result, ISyncStore source, TableInfo sourceTable, int tableNumber, int tableCount, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var tally = new TableTally();
        var ids = new HashSet<Guid>();
        await foreach (var entry in source.ReadAsync(sourceTable, run.Plan.Range, cancellationToken).ConfigureAwait(false))
        {
            if (entry.ReadError is not null)
            {
                tally.Read++;
                tally.Failed++;
                run.AddFailure(new EntryFailure(sourceTable.Name, entry.Id, entry.Tmstmp, result.Direction, $"{source.Name} cannot read '{entry.SourceKey}': {entry.ReadError}"));
                continue;
            }
            if (!run.Plan.Range.Contains(entry.Tmstmp)) continue;
            tally.Read++;
            // Ids only, not entries: a dry run of a huge missing table stays small.
            if (ids.Add(entry.Id)) tally.WouldWrite++;
            else tally.SkippedNotNewer++;
        }
        Finish(result, tally, clock);
        result.Status = tally.Failed > 0 ? TableStatus.Incomplete : TableStatus.Synced;
        run.Observer.OnProgress(new SyncProgress(result.Direction, result.Table, tableNumber, tableCount, tally.Read, tally.WouldWrite, tally.SkippedNotNewer, tally.Failed, clock.Elapsed));
    }

    /// <summary>Keeps the newest version of each id; returns how many older versions were dropped.</summary>
    internal static (List<SyncEntry> Newest, int Superseded) NewestPerId(List<SyncEntry> batch)
    {
        var byId = new Dictionary<Guid, int>(batch.Count);
        var newest = new List<SyncEntry>(batch.Count);
        var superseded = 0;
        foreach (var entry in batch)
        {
            if (byId.TryGetValue(entry.Id, out var at))
            {
                superseded++;
                if (entry.Tmstmp > newest[at].Tmstmp) newest[at] = entry;
            }
            else
            {
                byId[entry.Id] = newest.Count;
                newest.Add(entry);
            }
        }
        return (newest, superseded);
    }

    private static async Task PruneAsync(List<Task> inFlight)
    {
        // Surfaces a failed batch early and keeps the list short on long tables.
        for (var k = inFlight.Count - 1; k >= 0; k--)
        {
            if (!inFlight[k].IsCompleted) continue;
            await inFlight[k].ConfigureAwait(false);
            inFlight.RemoveAt(k);
        }
    }

    private static void Finish(TableResult result, TableTally tally, Stopwatch clock)
    {
        result.Read = tally.Read;
        result.Written = tally.Written;
        result.WouldWrite = tally.WouldWrite;
        result.SkippedNotNewer = tally.SkippedNotNewer;
        result.Failed = tally.Failed;
        result.Duration = clock.Elapsed;
    }

    private static void Skip(RunState run, TableResult result, string reason)
    {
        result.Status = TableStatus.Skipped;
        result.Message = reason;
        run.Observer.OnTableSkipped(result.Direction, result.Table, reason);
    }

    private static void Fail(RunState run, TableResult result, string reason)
    {
        result.Status = TableStatus.Failed;
        result.Message = reason;
        run.Observer.OnTableFailed(result.Direction, result.Table, reason);
    }

    private static string Describe(Exception ex)
        => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Describe(aggregate.InnerExceptions[0]) : ex.Message;

    private sealed class TableTally
    {
        public long Read;
        public long Written;
        public long WouldWrite;
        public long SkippedNotNewer;
        public long Failed;
    }

    private sealed class RunState
    {
        private readonly object _gate = new();
        private long _failureCount;

        public RunState(SyncPlan plan, ISyncObserver observer)
        {
            Plan = plan;
            Observer = observer;
        }

        public SyncPlan Plan { get; }
        public ISyncObserver Observer { get; }
        public List<TableResult> Tables { get; } = new();
        public List<EntryFailure> Failures { get; } = new();
        public long FailureCount => Interlocked.Read(ref _failureCount);

        public void AddFailure(EntryFailure failure)
        {
            Interlocked.Increment(ref _failureCount);
            lock (_gate)
            {
                if (Failures.Count < Plan.MaxFailuresKept) Failures.Add(failure);
            }
            Observer.OnEntryFailed(failure);
        }
    }
}
