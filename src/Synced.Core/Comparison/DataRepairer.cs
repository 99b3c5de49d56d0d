using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Stores;

namespace Synced.Core.Comparison;

/// <summary>
/// Repairs differences: reads the current newest version of each id from the side that was newer and writes it to
/// the other through <see cref="ISyncStore.UpsertIfNewerAsync"/>, the path a sync run uses, so nothing newer is ever
/// overwritten (a version written meanwhile wins). Differences are batched per table and direction, so memory is
/// bounded by <see cref="RepairOptions.BatchSize"/> per table and direction. Touches no checkpoint. One caller at a
/// time: not thread-safe.
/// </summary>
public sealed class DataRepairer
{
    private readonly ISyncStore _cassandra;
    private readonly ISyncStore _elasticsearch;
    private readonly RepairOptions _options;
    private readonly IRepairObserver? _observer;
    private readonly Dictionary<(string Table, SyncDirection Direction), Pending> _pending = new();
    private readonly List<RepairTableResult> _results = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Dictionary<string, TableInfo>? _cassandraTables;
    private Dictionary<string, TableInfo>? _elasticsearchTables;
    private long _failureCount;

    /// <summary>Creates a repairer over both stores.</summary>
    public DataRepairer(ISyncStore cassandra, ISyncStore elasticsearch, RepairOptions options, IRepairObserver? observer)
    {
        _cassandra = cassandra ?? throw new ArgumentNullException(nameof(cassandra));
        _elasticsearch = elasticsearch ?? throw new ArgumentNullException(nameof(elasticsearch));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _observer = observer;
    }

    /// <summary>One result per table and direction, in the order they were first met.</summary>
    public IReadOnlyList<RepairTableResult> Results => _results;

    /// <summary>Differences that could not be repaired.</summary>
    public long FailureCount => Interlocked.Read(ref _failureCount);

    /// <summary>
    /// Compares both stores and repairs each difference as it is found (those <paramref name="approve"/> lets
    /// through), table by table: the one way to compare and repair. Touches no checkpoint.
    /// </summary>
    /// <param name="cassandra">The Cassandra side.</param>
    /// <param name="elasticsearch">The Elasticsearch side.</param>
    /// <param name="comparison">What to compare.</param>
    /// <param name="repair">How to write.</param>
    /// <param name="comparisonObserver">Hears what the comparison reports.</param>
    /// <param name="repairObserver">Hears what the repair reports.</param>
    /// <param name="approve">Decides per difference whether to repair it; null repairs every one.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <exception cref="Model.TableNotFoundException">A table pattern matches no table on either side.</exception>
    public static async Task<RepairResult> CompareAndRepairAsync(ISyncStore cassandra, ISyncStore elasticsearch, ComparisonOptions comparison, RepairOptions repair,
        IComparisonObserver? comparisonObserver, IRepairObserver? repairObserver, Func<Difference, CancellationToken, Task<bool>>? approve, CancellationToken cancellationToken)
    {
        var repairer = new DataRepairer(cassandra, elasticsearch, repair, repairObserver);
        var compared = await new DataComparer(comparison).CompareAsync(cassandra, elasticsearch, new RepairingObserver(repairer, comparisonObserver, approve), cancellationToken)
            .ConfigureAwait(false);
        await repairer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return repairer.ToResult(compared);
    }

    /// <summary>What the repair did so far (after <see cref="FlushAsync"/>: all of it).</summary>
    /// <param name="comparison">The comparison whose differences were repaired, or null when they were given.</param>
    public RepairResult ToResult(ComparisonResult? comparison = null)
        => new(_results.ToList(), _options.DryRun, _clock.Elapsed, FailureCount, comparison);

    /// <summary>Takes one difference; repairs its table and direction's batch when it is full.</summary>
    public async Task AddAsync(Difference difference, CancellationToken cancellationToken)
    {
        if (difference is null) throw new ArgumentNullException(nameof(difference));
        var key = (difference.Table.ToLowerInvariant(), difference.RepairDirection);
        if (!_pending.TryGetValue(key, out var pending))
        {
            var result = new RepairTableResult(difference.Table, difference.RepairDirection);
            _results.Add(result);
            _pending[key] = pending = new Pending(result);
        }
        pending.Result.Differences++;
        pending.Batch.Add(difference);
        if (pending.Batch.Count >= _options.BatchSize) await RepairBatchAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Repairs every difference taken so far (the tail of each batch).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var pending in _pending.Values)
            if (pending.Batch.Count > 0) await RepairBatchAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Repairs the given differences and flushes (for callers that have them all at hand).</summary>
    public async Task RepairAsync(IEnumerable<Difference> differences, CancellationToken cancellationToken)
    {
        foreach (var difference in differences) await AddAsync(difference, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RepairBatchAsync(Pending pending, CancellationToken cancellationToken)
    {
        var batch = pending.Batch.ToList();
        pending.Batch.Clear();
        var result = pending.Result;
        var started = _clock.Elapsed;
        var toElasticsearch = result.Direction == SyncDirection.CassandraToElasticsearch;
        var source = toElasticsearch ? _cassandra : _elasticsearch;
        var target = toElasticsearch ? _elasticsearch : _cassandra;
        try
        {
            var (sourceTable, targetTable, problem) = await FindTablesAsync(result.Table, source, target, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                foreach (var difference in batch) Fail(result, difference, problem);
                return;
            }

            IReadOnlyList<SyncEntry?> entries;
            try
            {
                entries = await source.ReadNewestEntriesAsync(sourceTable!, batch.Select(d => d.Id).ToList(), cancellationToken).ConfigureAwait(false);
                if (entries.Count != batch.Count)
                    throw new InvalidOperationException($"{source.Name} returned {entries.Count} entries for {batch.Count} ids");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                foreach (var difference in batch) Fail(result, difference, $"reading its newest version from {source.Name} failed: {ex.Message}");
                return;
            }

            var toWrite = new List<SyncEntry>(batch.Count);
            var differenceOf = new List<Difference>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = entries[i];
                if (entry is null)
                    Fail(result, batch[i], $"{source.Name} no longer holds it (deleted since the comparison?); compare again");
                else if (entry.ReadError is not null)
                    Fail(result, batch[i], $"{source.Name} cannot read '{entry.SourceKey}': {entry.ReadError}");
                else
                {
                    result.Read++;
                    toWrite.Add(entry);
                    differenceOf.Add(batch[i]);
                }
            }
            if (toWrite.Count == 0) return;

            var context = UpsertContext.From(source, _options.DryRun);
            var outcomes = await target.UpsertIfNewerAsync(targetTable!, toWrite, context, cancellationToken).ConfigureAwait(false);
            if (outcomes.Count != toWrite.Count)
                throw new InvalidOperationException($"{target.Name} returned {outcomes.Count} outcomes for a batch of {toWrite.Count} entries");
            for (var i = 0; i < outcomes.Count; i++)
            {
                switch (outcomes[i].Kind)
                {
                    case UpsertOutcomeKind.Written: result.Written++; break;
                    case UpsertOutcomeKind.WouldWrite: result.WouldWrite++; break;
                    case UpsertOutcomeKind.SkippedNotNewer: result.SkippedNotNewer++; break;
                    default: Fail(result, differenceOf[i], outcomes[i].Reason ?? "unknown reason", toWrite[i].Tmstmp); break;
                }
            }
        }
        finally
        {
            result.Duration += _clock.Elapsed - started;
            _observer?.OnProgress(new RepairProgress(result.Table, result.Direction, result.Read, result.Written + result.WouldWrite,
                result.SkippedNotNewer, result.Failed, _clock.Elapsed));
        }
    }

    private void Fail(RepairTableResult result, Difference difference, string reason, DateTime? tmstmp = null)
    {
        result.Failed++;
        Interlocked.Increment(ref _failureCount);
        var version = tmstmp ?? (result.Direction == SyncDirection.CassandraToElasticsearch ? difference.CassandraTmstmp : difference.ElasticsearchTmstmp)
            ?? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        _observer?.OnEntryFailed(new EntryFailure(result.Table, difference.Id, version, result.Direction, reason));
    }

    /// <summary>The source and target tables of <paramref name="table"/>, or why the repair cannot write it.</summary>
    private async Task<(TableInfo? Source, TableInfo? Target, string? Problem)> FindTablesAsync(string table, ISyncStore source, ISyncStore target, CancellationToken cancellationToken)
    {
        if (_cassandraTables is null || _elasticsearchTables is null)
        {
            _observer?.OnPhase($"Listing the tables of {_cassandra.Name} and {_elasticsearch.Name}");
            _cassandraTables = ByName(await _cassandra.ListTablesAsync(cancellationToken).ConfigureAwait(false));
            _elasticsearchTables = ByName(await _elasticsearch.ListTablesAsync(cancellationToken).ConfigureAwait(false));
        }
        var sourceTables = ReferenceEquals(source, _cassandra) ? _cassandraTables : _elasticsearchTables;
        var targetTables = ReferenceEquals(source, _cassandra) ? _elasticsearchTables : _cassandraTables;
        if (!sourceTables.TryGetValue(table, out var sourceTable))
            return (null, null, $"{source.Name} has no table '{table}'");
        if (!targetTables.TryGetValue(table, out var targetTable))
            return (null, null, $"{target.Name} has no table '{table}'; a run that creates missing tables creates it");
        if (!sourceTable.MeetsContract)
            return (null, null, $"{source.Name} {sourceTable.Location} does not meet the data contract: {sourceTable.Reason}");
        if (!targetTable.MeetsContract)
            return (null, null, $"{target.Name} {targetTable.Location} does not meet the data contract: {targetTable.Reason}");
        return (sourceTable, targetTable, null);
    }

    private static Dictionary<string, TableInfo> ByName(IReadOnlyList<TableInfo> tables)
    {
        var byName = new Dictionary<string, TableInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables) byName[table.Name] = table;
        return byName;
    }

    private sealed class Pending
    {
        public Pending(RepairTableResult result) => Result = result;

        public RepairTableResult Result { get; }

        public List<Difference> Batch { get; } = new();
    }
}
