using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Stores;

namespace Synced.Core.Comparison;

/// <summary>
/// Compares, per table, the newest version of every id on both sides and reports each id that differs, reading only
/// ids and tmstmps, with memory independent of table size.
/// </summary>
/// <remarks>
/// <para>
/// An id counts on a side when the newest version that side holds, in whole milliseconds (what both sides keep),
/// lies in [Begin, End). Each side then holds a set of (id, milliseconds) versions, and the ids that differ are
/// exactly the ids of the symmetric difference of the two sets: an id both sides hold at the same millisecond in
/// the range is in both sets and cancels; one whose versions differ, or that one side lacks or holds outside the
/// range, is in exactly one set (or two versions of it are, one per set).
/// </para>
/// <para>
/// Pass 1 reads both sides at once (<see cref="ISyncStore.ReadVersionsAsync"/>) and keeps, per side, fixed-size
/// digests of that set: per token bucket, the count and seeded 64-bit sum of its versions
/// (<see cref="BucketDigests"/>), and one <see cref="InvertibleDigest"/>. Subtracting the invertible digests leaves
/// the symmetric difference, which is read back exactly when it fits (fewer than about 0.8 × the cells); every
/// version read back must lie in a bucket whose digests differ and every such bucket must yield one, or the result
/// is not used. That is the usual case: one pass over each side, nothing else held.
/// </para>
/// <para>
/// When more differs, pass 2 re-reads only the buckets whose digests differ (equal count and sum mean equal
/// contents, but for a 2^-64 chance): Cassandra by the buckets' token ranges, cheaply; Elasticsearch by one scan
/// that keeps only ids in those buckets, skipped when it held none there. The Cassandra ids of a round are held
/// (at most <see cref="ComparisonOptions.MaxIdsHeld"/>; more buckets go to further rounds) and matched against
/// the Elasticsearch ids as they stream by. Every differing bucket is read whole on both sides, so no difference is
/// missed.
/// </para>
/// <para>
/// A range's lower bound is pushed down to both sides' reads (an id whose newest version lies before it cannot count);
/// so an id one side yields in the range and the other does not yield at all is looked up by id on the other side
/// (<see cref="ISyncStore.ReadNewestVersionsAsync"/>, in batches): it may hold the id before the range, or after it.
/// Those lookups are as many as the differences. Without a range, a side that yields no id lacks it.
/// </para>
/// </remarks>
public sealed class DataComparer
{
    private const int ProgressEvery = 8192;
    private readonly ComparisonOptions _options;

    /// <summary>Creates a comparer.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public DataComparer(ComparisonOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
    }

    /// <summary>Compares every selected table of both stores.</summary>
    /// <exception cref="TableNotFoundException">A table pattern matches no table on either side.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<ComparisonResult> CompareAsync(ISyncStore cassandra, ISyncStore elasticsearch, IComparisonObserver? observer, CancellationToken cancellationToken)
    {
        if (cassandra is null) throw new ArgumentNullException(nameof(cassandra));
        if (elasticsearch is null) throw new ArgumentNullException(nameof(elasticsearch));
        observer ??= NullComparisonObserver.Instance;
        var clock = Stopwatch.StartNew();

        observer.OnPhase($"Listing the tables of {cassandra.Name} and {elasticsearch.Name}");
        var listCassandra = cassandra.ListTablesAsync(cancellationToken);
        var listElasticsearch = elasticsearch.ListTablesAsync(cancellationToken);
        var pairs = SelectTables(await listCassandra.ConfigureAwait(false), await listElasticsearch.ConfigureAwait(false));

        var results = new List<TableComparison>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (name, cassandraTable, elasticsearchTable) = pairs[i];
            var result = new TableComparison(name);
            results.Add(result);
            result.OnOneSideOnly = cassandraTable is null || elasticsearchTable is null;
            var reason = cassandraTable is null
                ? $"it exists only in {elasticsearch.Name} ({elasticsearchTable!.Location}); a run that creates missing tables creates it in {cassandra.Name}"
                : elasticsearchTable is null
                    ? $"it exists only in {cassandra.Name} ({cassandraTable.Location}); a run that creates missing tables creates it in {elasticsearch.Name}"
                    : !cassandraTable.MeetsContract
                        ? $"{cassandra.Name} {cassandraTable.Location} does not meet the data contract: {cassandraTable.Reason}"
                        : !elasticsearchTable.MeetsContract
                            ? $"{elasticsearch.Name} {elasticsearchTable.Location} does not meet the data contract: {elasticsearchTable.Reason}"
                            : null;
            if (reason is not null)
            {
                result.Status = TableComparisonStatus.Skipped;
                result.Message = reason;
                observer.OnTableSkipped(result);
            }
            else
            {
                var table = new TableRun(this, cassandra, cassandraTable!, elasticsearch, elasticsearchTable!, result, observer, i + 1, pairs.Count);
                await table.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            await observer.OnTableDoneAsync(result, cancellationToken).ConfigureAwait(false);
        }
        return new ComparisonResult(results, clock.Elapsed);
    }

    /// <summary>The selected tables by name (either side's spelling, Cassandra's first), with each side's table or null.</summary>
    private List<(string Name, TableInfo? Cassandra, TableInfo? Elasticsearch)> SelectTables(IReadOnlyList<TableInfo> cassandra, IReadOnlyList<TableInfo> elasticsearch)
    {
        var selection = _options.Tables;
        var names = cassandra.Select(t => t.Name).Concat(elasticsearch.Select(t => t.Name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        selection.EnsureMatchesAny(names);

        return names
            .Where(selection.Matches)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Select(n => (Name: n,
                Cassandra: (TableInfo?)cassandra.FirstOrDefault(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase)),
                Elasticsearch: (TableInfo?)elasticsearch.FirstOrDefault(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase))))
            .ToList();
    }

    private static long Milliseconds(DateTime instant) => instant.Ticks / TimeSpan.TicksPerMillisecond;

    private static DateTime Instant(long milliseconds) => new(milliseconds * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>The comparison of one table: its digests, the differences it finds, its counters.</summary>
    private sealed class TableRun
    {
        private readonly ComparisonOptions _options;
        private readonly ISyncStore _cassandra;
        private readonly TableInfo _cassandraTable;
        private readonly ISyncStore _elasticsearch;
        private readonly TableInfo _elasticsearchTable;
        private readonly TableComparison _result;
        private readonly IComparisonObserver _observer;
        private readonly int _number;
        private readonly int _count;
        private readonly TokenBuckets _buckets;
        private readonly VersionHash _hash;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _cassandraRead;
        private long _elasticsearchRead;
        private long _unreadable;
        private long _lastReport = -1000;
        private string _phase = "reading both sides";

        public TableRun(DataComparer owner, ISyncStore cassandra, TableInfo cassandraTable, ISyncStore elasticsearch, TableInfo elasticsearchTable,
            TableComparison result, IComparisonObserver observer, int number, int count)
        {
            _options = owner._options;
            _cassandra = cassandra;
            _cassandraTable = cassandraTable;
            _elasticsearch = elasticsearch;
            _elasticsearchTable = elasticsearchTable;
            _result = result;
            _observer = observer;
            _number = number;
            _count = count;
            _buckets = new TokenBuckets(_options.BucketBits);
            _hash = new VersionHash(_options.Seed ?? VersionHash.RandomSeed());
        }

        private string Table => _result.Table;

        private bool Unbounded => _options.Begin is null && _options.End is null;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            _observer.OnPhase($"{Table}: comparing {_cassandra.Name} {_cassandraTable.Location} with {_elasticsearch.Name} {_elasticsearchTable.Location}" +
                              $" (newest versions in {DescribeRange()})");
            try
            {
                await CompareAsync(cancellationToken).ConfigureAwait(false);
                _result.Status = TableComparisonStatus.Compared;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _result.Status = TableComparisonStatus.Cancelled;
                Finish();
                throw;
            }
            catch (Exception ex)
            {
                _result.Status = TableComparisonStatus.Failed;
                _result.Message = $"stopped after reading {Interlocked.Read(ref _cassandraRead):N0} Cassandra and {Interlocked.Read(ref _elasticsearchRead):N0} Elasticsearch ids: {Describe(ex)}";
                _observer.OnTableFailed(_result);
            }
            Finish();
            Report(force: true);
        }

        private void Finish()
        {
            _result.Unreadable = Interlocked.Read(ref _unreadable);
            _result.Duration = _clock.Elapsed;
        }

        private string DescribeRange()
            => Unbounded ? "any time"
                : $"[{(_options.Begin is { } b ? Time.UtcTime.Format(b) : "the beginning")}, {(_options.End is { } e ? Time.UtcTime.Format(e) : "the end of time")})";

        private async Task CompareAsync(CancellationToken cancellationToken)
        {
            var cassandraDigests = new BucketDigests(_buckets.Count);
            var elasticsearchDigests = new BucketDigests(_buckets.Count);
            var difference = new InvertibleDigest(_options.DigestCells, _hash);
            var elasticsearchCells = new InvertibleDigest(_options.DigestCells, _hash);

            // Pass 1: both sides at once; if one fails the other stops.
            using (var scan = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var reads = new[]
                {
                    DigestSideAsync(_cassandra, _cassandraTable, cassandraDigests, difference, isCassandra: true, scan),
                    DigestSideAsync(_elasticsearch, _elasticsearchTable, elasticsearchDigests, elasticsearchCells, isCassandra: false, scan),
                };
                await WhenAllOrFirstFailureAsync(reads).ConfigureAwait(false);
            }
            _result.CassandraIds = cassandraDigests.InRange;
            _result.ElasticsearchIds = elasticsearchDigests.InRange;
            Report(force: true);

            var differing = new bool[_buckets.Count];
            var differingCount = 0;
            for (var b = 0; b < differing.Length; b++)
                if (cassandraDigests.Differs(elasticsearchDigests, b)) { differing[b] = true; differingCount++; }
            if (differingCount == 0) return;

            difference.Subtract(elasticsearchCells);
            elasticsearchCells = null;
            var decoded = new List<DecodedVersion>();
            var readBack = difference.TryDecode(decoded, _options.DigestCells);
            difference = null;
            if (readBack && MatchesBuckets(decoded, differing, differingCount))
            {
                _observer.OnPhase($"{Table}: the differences ({decoded.Count} versions in {differingCount} buckets) came out of the digests of one pass");
                await EmitDecodedAsync(decoded, cancellationToken).ConfigureAwait(false);
                return;
            }

            // Too much differs for the digest (or it disagrees with the buckets): re-read every bucket that may differ.
            foreach (var version in decoded)
            {
                var bucket = _buckets.Of(IdToken.Of(version.Id));
                if (!differing[bucket]) { differing[bucket] = true; differingCount++; }
            }
            decoded = null;
            _observer.OnPhase($"{Table}: more differs than the digests of one pass can tell; re-reading the {differingCount:N0} of {_buckets.Count:N0} token buckets that differ");
            await RereadAsync(differing, cassandraDigests, elasticsearchDigests, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Pass 1 over one side: every id once with its newest tmstmp, into the side's digests.</summary>
        private async Task DigestSideAsync(ISyncStore store, TableInfo table, BucketDigests digests, InvertibleDigest cells, bool isCassandra, CancellationTokenSource scan)
        {
            var token = scan.Token;
            try
            {
                var versions = store.ReadVersionsAsync(table, new VersionScan { NotBefore = _options.Begin }, token);
                long read = 0;
                await foreach (var version in versions.ConfigureAwait(false))
                {
                    if (version.ReadError is not null)
                    {
                        Interlocked.Increment(ref _unreadable);
                        _observer.OnEntryUnreadable(Table, store.Name, version.SourceKey ?? string.Empty, version.ReadError);
                        continue;
                    }
                    Add(version, digests, cells);
                    if (++read % ProgressEvery == 0)
                    {
                        SetRead(isCassandra, read);
                        Report(force: false);
                    }
                }
                SetRead(isCassandra, read);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
            {
                scan.Cancel();
                throw;
            }
        }

        private void SetRead(bool isCassandra, long read)
        {
            if (isCassandra) Volatile.Write(ref _cassandraRead, read);
            else Volatile.Write(ref _elasticsearchRead, read);
        }

        private void Add(EntryVersion version, BucketDigests digests, InvertibleDigest cells)
        {
            var milliseconds = Milliseconds(version.Tmstmp);
            var bucket = _buckets.Of(IdToken.Of(version.Id));
            if (!_options.InRange(Instant(milliseconds)))
            {
                digests.AddOutside(bucket);
                return;
            }
            var (low, high) = VersionHash.Halves(version.Id);
            var hash = _hash.Of(low, high, milliseconds);
            digests.AddInRange(bucket, hash);
            cells.Add(low, high, milliseconds, hash);
        }

        /// <summary>The versions read back lie exactly in the buckets whose digests differ: two independent digests agree.</summary>
        private bool MatchesBuckets(List<DecodedVersion> decoded, bool[] differing, int differingCount)
        {
            var seen = new bool[differing.Length];
            var seenCount = 0;
            foreach (var version in decoded)
            {
                var bucket = _buckets.Of(IdToken.Of(version.Id));
                if (!differing[bucket]) return false;
                if (!seen[bucket]) { seen[bucket] = true; seenCount++; }
            }
            return seenCount == differingCount;
        }

        /// <summary>Turns the versions read back into differences; ids seen in the range on one side only are looked up on the other.</summary>
        private async Task EmitDecodedAsync(List<DecodedVersion> decoded, CancellationToken cancellationToken)
        {
            var byId = new Dictionary<Guid, (long? Cassandra, long? Elasticsearch)>(decoded.Count);
            foreach (var version in decoded)
            {
                byId.TryGetValue(version.Id, out var pair);
                byId[version.Id] = version.Sign > 0 ? (version.Milliseconds, pair.Elasticsearch) : (pair.Cassandra, version.Milliseconds);
            }
            var ids = byId.Keys.OrderBy(id => id).ToList();

            if (!Unbounded)
            {
                // A side that lacks the id in the range may hold it outside: ask it.
                _phase = "looking up ids found on one side";
                await LookUpAsync(ids.Where(id => byId[id].Elasticsearch is null).ToList(), _elasticsearch, _elasticsearchTable,
                    (id, ms) => byId[id] = (byId[id].Cassandra, ms), cancellationToken).ConfigureAwait(false);
                await LookUpAsync(ids.Where(id => byId[id].Cassandra is null).ToList(), _cassandra, _cassandraTable,
                    (id, ms) => byId[id] = (ms, byId[id].Elasticsearch), cancellationToken).ConfigureAwait(false);
            }

            foreach (var id in ids)
            {
                var (cassandraMs, elasticsearchMs) = byId[id];
                await EmitIfDifferentAsync(id, cassandraMs, elasticsearchMs, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task LookUpAsync(List<Guid> ids, ISyncStore store, TableInfo table, Action<Guid, long?> found, CancellationToken cancellationToken)
        {
            for (var start = 0; start < ids.Count; start += _options.LookupBatchSize)
            {
                var batch = ids.GetRange(start, Math.Min(_options.LookupBatchSize, ids.Count - start));
                var newest = await store.ReadNewestVersionsAsync(table, batch, cancellationToken).ConfigureAwait(false);
                if (newest.Count != batch.Count)
                    throw new InvalidOperationException($"{store.Name} returned {newest.Count} versions for {batch.Count} ids");
                for (var i = 0; i < batch.Count; i++)
                    found(batch[i], newest[i] is { } tmstmp ? Milliseconds(tmstmp) : null);
            }
        }

        /// <summary>Reports the id when at least one side's newest lies in the range and the two differ.</summary>
        private Task EmitIfDifferentAsync(Guid id, long? cassandraMs, long? elasticsearchMs, CancellationToken cancellationToken)
        {
            var cassandraIn = cassandraMs is { } c && _options.InRange(Instant(c));
            var elasticsearchIn = elasticsearchMs is { } e && _options.InRange(Instant(e));
            if (!cassandraIn && !elasticsearchIn) return Task.CompletedTask;
            var difference = Difference.Classify(Table, id, cassandraMs is { } cm ? Instant(cm) : null, elasticsearchMs is { } em ? Instant(em) : null);
            if (difference is null) return Task.CompletedTask;
            _result.Count(difference.Kind);
            Report(force: false);
            return _observer.OnDifferenceAsync(difference, cancellationToken);
        }

        /// <summary>Pass 2: the differing buckets, read exactly, in rounds of at most MaxIdsHeld Cassandra ids.</summary>
        private async Task RereadAsync(bool[] differing, BucketDigests cassandraDigests, BucketDigests elasticsearchDigests, CancellationToken cancellationToken)
        {
            var next = 0;
            while (next < differing.Length)
            {
                var chosen = new bool[differing.Length];
                long expectedCassandra = 0, expectedElasticsearch = 0;
                var any = false;
                for (; next < differing.Length; next++)
                {
                    if (!differing[next]) continue;
                    var ids = cassandraDigests.All(next);
                    if (any && expectedCassandra + ids > _options.MaxIdsHeld) break;
                    chosen[next] = true;
                    any = true;
                    expectedCassandra += ids;
                    expectedElasticsearch += elasticsearchDigests.All(next);
                }
                if (!any) break;
                _result.BucketRounds++;
                await RereadRoundAsync(chosen, expectedCassandra, expectedElasticsearch, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task RereadRoundAsync(bool[] chosen, long expectedCassandra, long expectedElasticsearch, CancellationToken cancellationToken)
        {
            var ranges = _buckets.RangesOf(chosen);
            // The lower bound is pushed down as in pass 1, so a round reads (and holds) what pass 1 counted; an id one
            // side holds only before -Begin is then looked up, as after pass 1.
            var scan = new VersionScan { Tokens = ranges, NotBefore = _options.Begin };
            var lookUp = _options.Begin is not null;
            _phase = $"re-reading differing buckets (round {_result.BucketRounds})";
            Volatile.Write(ref _cassandraRead, 0);
            Volatile.Write(ref _elasticsearchRead, 0);
            _observer.OnPhase($"{Table}: round {_result.BucketRounds}: {ranges.Count:N0} token ranges, about {expectedCassandra:N0} Cassandra and {expectedElasticsearch:N0} Elasticsearch ids");

            // Cassandra's ids of the round, read by token range (cheap), marked once Elasticsearch's scan meets them.
            var held = new Dictionary<Guid, HeldVersion>((int)Math.Min(expectedCassandra, _options.MaxIdsHeld));
            if (expectedCassandra > 0)
            {
                long read = 0;
                await foreach (var version in _cassandra.ReadVersionsAsync(_cassandraTable, scan, cancellationToken).ConfigureAwait(false))
                {
                    if (version.ReadError is not null) continue; // reported in pass 1
                    if (!chosen[_buckets.Of(IdToken.Of(version.Id))]) continue;
                    held[version.Id] = new HeldVersion(Milliseconds(version.Tmstmp));
                    if (++read % ProgressEvery == 0) { Volatile.Write(ref _cassandraRead, read); Report(force: false); }
                }
                Volatile.Write(ref _cassandraRead, read);
            }
            _result.MaxIdsHeld = Math.Max(_result.MaxIdsHeld, held.Count);

            // Ids seen on one side only, looked up on the other in batches (only with a lower bound: without one, an id
            // a side did not yield is an id it lacks).
            var onlyInElasticsearch = new List<(Guid Id, long Milliseconds)>();
            if (expectedElasticsearch > 0)
            {
                long read = 0;
                await foreach (var version in _elasticsearch.ReadVersionsAsync(_elasticsearchTable, scan, cancellationToken).ConfigureAwait(false))
                {
                    if (version.ReadError is not null) continue;
                    if (!chosen[_buckets.Of(IdToken.Of(version.Id))]) continue;
                    var elasticsearchMs = Milliseconds(version.Tmstmp);
                    if (held.TryGetValue(version.Id, out var cassandra))
                    {
                        held[version.Id] = cassandra.Matched();
                        await EmitIfDifferentAsync(version.Id, cassandra.Milliseconds, elasticsearchMs, cancellationToken).ConfigureAwait(false);
                    }
                    else if (!lookUp) await EmitIfDifferentAsync(version.Id, null, elasticsearchMs, cancellationToken).ConfigureAwait(false);
                    else if (_options.InRange(Instant(elasticsearchMs)))
                    {
                        onlyInElasticsearch.Add((version.Id, elasticsearchMs));
                        if (onlyInElasticsearch.Count >= _options.LookupBatchSize)
                            await ResolveAsync(onlyInElasticsearch, _cassandra, _cassandraTable, lookedUpIsCassandra: true, cancellationToken).ConfigureAwait(false);
                    }
                    if (++read % ProgressEvery == 0) { Volatile.Write(ref _elasticsearchRead, read); Report(force: false); }
                }
                Volatile.Write(ref _elasticsearchRead, read);
            }
            await ResolveAsync(onlyInElasticsearch, _cassandra, _cassandraTable, lookedUpIsCassandra: true, cancellationToken).ConfigureAwait(false);

            var onlyInCassandra = new List<(Guid Id, long Milliseconds)>();
            foreach (var pair in held.OrderBy(p => p.Key))
            {
                if (pair.Value.SeenInElasticsearch) continue;
                if (!lookUp)
                {
                    await EmitIfDifferentAsync(pair.Key, pair.Value.Milliseconds, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (!_options.InRange(Instant(pair.Value.Milliseconds))) continue; // neither side has it in the range
                onlyInCassandra.Add((pair.Key, pair.Value.Milliseconds));
                if (onlyInCassandra.Count >= _options.LookupBatchSize)
                    await ResolveAsync(onlyInCassandra, _elasticsearch, _elasticsearchTable, lookedUpIsCassandra: false, cancellationToken).ConfigureAwait(false);
            }
            await ResolveAsync(onlyInCassandra, _elasticsearch, _elasticsearchTable, lookedUpIsCassandra: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Looks the ids seen on one side up on the other, reports those that differ, and empties the list.</summary>
        private async Task ResolveAsync(List<(Guid Id, long Milliseconds)> seen, ISyncStore other, TableInfo otherTable, bool lookedUpIsCassandra, CancellationToken cancellationToken)
        {
            if (seen.Count == 0) return;
            var found = new Dictionary<Guid, long?>(seen.Count);
            await LookUpAsync(seen.Select(s => s.Id).ToList(), other, otherTable, (id, ms) => found[id] = ms, cancellationToken).ConfigureAwait(false);
            foreach (var (id, ms) in seen)
            {
                var looked = found[id];
                if (lookedUpIsCassandra) await EmitIfDifferentAsync(id, looked, ms, cancellationToken).ConfigureAwait(false);
                else await EmitIfDifferentAsync(id, ms, looked, cancellationToken).ConfigureAwait(false);
            }
            seen.Clear();
        }

        private void Report(bool force)
        {
            // At most every 100 ms (the observer may throttle further); a race between the two sides only costs a report.
            var now = _clock.ElapsedMilliseconds;
            if (!force && now - Interlocked.Read(ref _lastReport) < 100) return;
            Interlocked.Exchange(ref _lastReport, now);
            _observer.OnProgress(new ComparisonProgress(Table, _number, _count, _phase, Interlocked.Read(ref _cassandraRead),
                Interlocked.Read(ref _elasticsearchRead), _result.Differences, _clock.Elapsed));
        }

        private static async Task WhenAllOrFirstFailureAsync(Task[] tasks)
        {
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch
            {
                // The first real failure counts; the other side's cancellation followed from it.
                var real = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException()).FirstOrDefault(e => e is not OperationCanceledException);
                if (real is not null) throw real;
                throw;
            }
        }

        private static string Describe(Exception ex)
            => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Describe(aggregate.InnerExceptions[0]) : ex.Message;
    }

    /// <summary>A Cassandra id held while a round's Elasticsearch scan runs.</summary>
    private readonly struct HeldVersion
    {
        public HeldVersion(long milliseconds, bool seen = false)
        {
            Milliseconds = milliseconds;
            SeenInElasticsearch = seen;
        }

        public long Milliseconds { get; }

        public bool SeenInElasticsearch { get; }

        public HeldVersion Matched() => new(Milliseconds, true);
    }
}
