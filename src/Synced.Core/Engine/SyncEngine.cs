using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// Runs the sync algorithm over two stores: for each direction (Cassandra to Elasticsearch first), for each
/// selected table of the source, stream the range into bounded batches, collapse the versions of one id to
/// the newest, and upsert-if-newer into the target with a bounded number of batches in flight. Memory is
/// independent of table size. Knows nothing of checkpoints (see <see cref="SyncRunner"/>).
/// </summary>
public sealed class SyncEngine
{
    /// <summary>Runs <paramref name="request"/> over the two stores, each table and direction over its range.</summary>
    /// <param name="request">What to sync and how (the engine takes the tables, direction, sizes, dry run and create-missing of it).</param>
    /// <param name="cassandra">The Cassandra side.</param>
    /// <param name="elasticsearch">The Elasticsearch side.</param>
    /// <param name="ranges">The range of change times per table and direction.</param>
    /// <param name="inventory">The tables of both sides when the caller listed them already; null lists them.</param>
    /// <param name="observer">Hears what happens as it happens.</param>
    /// <param name="cancellationToken">Stops the run at the next safe point.</param>
    /// <exception cref="SyncCancelledException">Cancelled; carries what finished before (nothing is reported as complete).</exception>
    public async Task<SyncResult> RunAsync(SyncRequest request, ISyncStore cassandra, ISyncStore elasticsearch, TableRanges ranges, TableInventory? inventory,
        ISyncObserver? observer, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (cassandra is null) throw new ArgumentNullException(nameof(cassandra));
        if (elasticsearch is null) throw new ArgumentNullException(nameof(elasticsearch));
        if (ranges is null) throw new ArgumentNullException(nameof(ranges));
        request.Validate();
        observer ??= NullSyncObserver.Instance;
        var run = new RunState(request, ranges, observer);

        try
        {
            if (inventory is null)
            {
                observer.OnPhase($"Listing the tables of {cassandra.Name} and {elasticsearch.Name}");
                inventory = await TableInventory.ListAsync(cassandra, elasticsearch, cancellationToken).ConfigureAwait(false);
            }
            if (request.Direction != SyncDirection.ElasticsearchToCassandra)
                await SyncDirectionAsync(run, inventory, SyncDirection.CassandraToElasticsearch, cassandra, elasticsearch, cancellationToken).ConfigureAwait(false);
            // Every upsert of the first direction has finished: what it recorded for the way back is final.
            run.AlreadySynced.Freeze();
            if (request.Direction != SyncDirection.CassandraToElasticsearch)
                await SyncDirectionAsync(run, inventory, SyncDirection.ElasticsearchToCassandra, elasticsearch, cassandra, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex is not SyncCancelledException)
        {
            throw new SyncCancelledException(run.ToResult(stopped: true), ex, cancellationToken);
        }

        return run.ToResult(stopped: false);
    }

    private static async Task SyncDirectionAsync(RunState run, TableInventory inventory, SyncDirection direction, ISyncStore source, ISyncStore target, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var sourceIsCassandra = direction == SyncDirection.CassandraToElasticsearch;
        var sourceTables = inventory.TablesOf(sourceIsCassandra).Where(t => request.Tables.Matches(t.Name)).ToList();

        for (var i = 0; i < sourceTables.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sourceTable = sourceTables[i];
            var result = new TableResult(sourceTable.Name, direction);
            run.Tables.Add(result);

            if (!sourceTable.MeetsContract)
            {
                Ignore(run, result, $"{source.Name} {sourceTable.Location} does not meet the data contract: {sourceTable.Reason}");
                continue;
            }

            var range = run.Ranges.For(sourceTable.Name, direction);
            var targetTable = inventory.Find(!sourceIsCassandra, sourceTable.Name);
            if (targetTable is null)
            {
                if (!request.CreateMissing)
                {
                    result.Status = TableStatus.Unmatched;
                    result.Message = $"{target.Name} has no table for '{sourceTable.Name}': create it from {source.Name}'s table, or leave the table out";
                    run.Observer.OnTableSkipped(result);
                    continue;
                }
                if (request.DryRun)
                {
                    // Nothing is created under -WhatIf; every entry of the range would be written.
                    run.Observer.OnPhase($"{direction} {sourceTable.Name}: would create the table in {target.Name}");
                    result.Created = true;
                    result.Range = range;
                    if (range is { } wouldRange)
                        await CountWouldCreateAsync(run, result, source, sourceTable, wouldRange, i + 1, sourceTables.Count, cancellationToken).ConfigureAwait(false);
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
                inventory.Add(!sourceIsCassandra, targetTable);
            }

            if (!targetTable.MeetsContract)
            {
                Ignore(run, result, $"{target.Name} {targetTable.Location} does not meet the data contract: {targetTable.Reason}");
                continue;
            }

            if (range is not { } tableRange)
            {
                result.Message = "nothing to sync: its watermark is at or after the end of the run";
                run.Observer.OnPhase($"{direction} {sourceTable.Name}: {result.Message}");
                continue;
            }
            result.Range = tableRange;
            run.Observer.OnPhase($"{direction} {sourceTable.Name}: {source.Name} {sourceTable.Location} -> {target.Name} {targetTable.Location}, range {tableRange}" +
                                 (sourceTable.Scan is { } scan ? $"; {source.Name} {scan}" : string.Empty));
            await SyncTableAsync(run, result, source, sourceTable, target, targetTable, tableRange, i + 1, sourceTables.Count, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SyncTableAsync(RunState run, TableResult result, ISyncStore source, TableInfo sourceTable,
        ISyncStore target, TableInfo targetTable, TimeRange range, int tableNumber, int tableCount, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var clock = Stopwatch.StartNew();
        var context = UpsertContext.From(source, request.DryRun);
        var tally = new TableTally();
        using var slots = new SemaphoreSlim(request.Parallelism, request.Parallelism);
        var inFlight = new List<Task>();
        using var tableCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        // Cassandra to Elasticsearch runs first: what it leaves equal on both sides, the way back need not redo.
        var recordForWayBack = request.Direction == SyncDirection.Both && result.Direction == SyncDirection.CassandraToElasticsearch && !request.DryRun;
        var skipWhatCameOver = request.Direction == SyncDirection.Both && result.Direction == SyncDirection.ElasticsearchToCassandra;

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
                var equalNow = recordForWayBack ? new List<(Guid, DateTime)>(outcomes.Count) : null;
                for (var k = 0; k < outcomes.Count; k++)
                {
                    var outcome = outcomes[k];
                    switch (outcome.Kind)
                    {
                        case UpsertOutcomeKind.Written:
                            Interlocked.Increment(ref tally.Written);
                            equalNow?.Add((newest[k].Id, newest[k].Tmstmp));
                            break;
                        case UpsertOutcomeKind.WouldWrite: Interlocked.Increment(ref tally.WouldWrite); break;
                        case UpsertOutcomeKind.SkippedNotNewer:
                            Interlocked.Increment(ref tally.SkippedNotNewer);
                            equalNow?.Add((newest[k].Id, newest[k].Tmstmp));
                            break;
                        default:
                            Interlocked.Increment(ref tally.Failed);
                            var entry = newest[k];
                            run.AddFailure(new EntryFailure(targetTable.Name, entry.Id, entry.Tmstmp, result.Direction, outcome.Reason ?? "unknown reason"));
                            break;
                    }
                }
                if (equalNow is { Count: > 0 }) run.AlreadySynced.AddAll(sourceTable.Name, equalNow);
                Report();
            }
            finally
            {
                slots.Release();
            }
        }

        // On a pool thread: what a store does before its first request (converting, rendering) then runs beside the
        // reading of the source instead of holding it up. Not cancellable before it starts: UpsertAsync releases the
        // batch's slot, and a stop reaches it through tableCancellation.
        Task Start(List<SyncEntry> batch) => Task.Run(() => UpsertAsync(batch), CancellationToken.None);

        try
        {
            var batch = new List<SyncEntry>(request.BatchSize);
            await foreach (var entry in source.ReadAsync(sourceTable, range, tableCancellation.Token).ConfigureAwait(false))
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
                if (!range.Contains(entry.Tmstmp)) continue; // a store's bounds are inclusive of rounding; the range is exact
                Interlocked.Increment(ref tally.Read);
                if (skipWhatCameOver && run.AlreadySynced.Contains(sourceTable.Name, entry.Id, entry.Tmstmp))
                {
                    // The first direction left this version equal on both sides: its upsert would be "not newer".
                    Interlocked.Increment(ref tally.SkippedNotNewer);
                    Interlocked.Increment(ref tally.AlreadySynced);
                    continue;
                }
                batch.Add(entry);
                if (batch.Count < request.BatchSize) continue;

                await slots.WaitAsync(tableCancellation.Token).ConfigureAwait(false);
                inFlight.Add(Start(batch));
                batch = new List<SyncEntry>(request.BatchSize);
                if (inFlight.Count >= request.Parallelism * 2) await PruneAsync(inFlight).ConfigureAwait(false);
            }
            if (batch.Count > 0)
            {
                await slots.WaitAsync(tableCancellation.Token).ConfigureAwait(false);
                inFlight.Add(Start(batch));
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

    private static async Task CountWouldCreateAsync(RunState run, TableResult result, ISyncStore source, TableInfo sourceTable, TimeRange range, int tableNumber, int tableCount, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var tally = new TableTally();
        var ids = new HashSet<Guid>();
        await foreach (var entry in source.ReadAsync(sourceTable, range, cancellationToken).ConfigureAwait(false))
        {
            if (entry.ReadError is not null)
            {
                tally.Read++;
                tally.Failed++;
                run.AddFailure(new EntryFailure(sourceTable.Name, entry.Id, entry.Tmstmp, result.Direction, $"{source.Name} cannot read '{entry.SourceKey}': {entry.ReadError}"));
                continue;
            }
            if (!range.Contains(entry.Tmstmp)) continue;
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
        result.AlreadySynced = tally.AlreadySynced;
        result.Failed = tally.Failed;
        result.Duration = clock.Elapsed;
    }

    private static void Ignore(RunState run, TableResult result, string reason)
    {
        result.Status = TableStatus.Ignored;
        result.Message = reason;
        run.Observer.OnTableSkipped(result);
    }

    private static void Fail(RunState run, TableResult result, string reason)
    {
        result.Status = TableStatus.Failed;
        result.Message = reason;
        run.Observer.OnTableFailed(result);
    }

    private static string Describe(Exception ex)
        => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Describe(aggregate.InnerExceptions[0]) : ex.Message;

    private sealed class TableTally
    {
        public long Read;
        public long Written;
        public long WouldWrite;
        public long SkippedNotNewer;
        public long AlreadySynced;
        public long Failed;
    }

    private sealed class RunState
    {
        private readonly object _gate = new();
        private long _failureCount;

        public RunState(SyncRequest request, TableRanges ranges, ISyncObserver observer)
        {
            Request = request;
            Ranges = ranges;
            Observer = observer;
            AlreadySynced = new AlreadySyncedSet(request.AlreadySyncedCapacity);
        }

        public SyncRequest Request { get; }
        public TableRanges Ranges { get; }
        public AlreadySyncedSet AlreadySynced { get; }
        public ISyncObserver Observer { get; }
        public List<TableResult> Tables { get; } = new();
        public List<EntryFailure> Failures { get; } = new();
        public long FailureCount => Interlocked.Read(ref _failureCount);

        public void AddFailure(EntryFailure failure)
        {
            Interlocked.Increment(ref _failureCount);
            lock (_gate)
            {
                if (Failures.Count < Request.MaxFailuresKept) Failures.Add(failure);
            }
            Observer.OnEntryFailed(failure);
        }

        public SyncResult ToResult(bool stopped)
        {
            lock (_gate) return new SyncResult(Request, Tables.ToList(), Failures.ToList(), FailureCount, stopped);
        }
    }
}
