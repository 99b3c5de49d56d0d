using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>
/// What a comparison holds does not grow with the table: counted, not timed. Sides are made up as they are read, so
/// the only per-id state anywhere is what the comparer keeps.
/// </summary>
[Collection(LargeDataCollection.Name)]
public sealed class MemoryBoundTests
{
    private static readonly DateTime T0 = new(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A side of <c>count</c> ids made up from their number: id i at T0 + i ms, except that every
    /// <c>differEvery</c>-th id is missing (on the Cassandra side) or one millisecond newer (on the other). Counts how
    /// many versions were handed out and not yet asked for again, to show nothing is read ahead without bound.
    /// </summary>
    private sealed class SyntheticSide : ISyncStore
    {
        private readonly int _count;
        private readonly int _differEvery;
        private readonly bool _cassandra;

        public SyntheticSide(string name, int count, int differEvery)
        {
            Name = name;
            _count = count;
            _differEvery = differEvery;
            _cassandra = name == "Cassandra";
        }

        public string Name { get; }
        public TimestampPrecision Precision => _cassandra ? TimestampPrecision.Ticks : TimestampPrecision.Milliseconds;
        public int Scans;

        public static Guid IdOf(int i)
        {
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), i);
            BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), i * 2654435761u);
            bytes[7] = 0x40;
            bytes[8] = 0x80;
            return new Guid(bytes);
        }

        public Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<TableInfo>>(new[] { new TableInfo("events", Array.Empty<ColumnInfo>()) });

        public async IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Scans);
            for (var i = 0; i < _count; i++)
            {
                if ((i & 4095) == 0) await Task.Yield();
                var differs = i % _differEvery == 0;
                if (differs && _cassandra && i % (2 * _differEvery) == 0) continue; // missing in Cassandra
                var tmstmp = T0.AddMilliseconds(i + (differs && !_cassandra ? 1 : 0));
                var id = IdOf(i);
                if (scan.Tokens is { } tokens && !IdToken.IsIn(IdToken.Of(id), tokens)) continue;
                yield return new EntryVersion(id, tmstmp);
            }
        }

        public Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
            => throw new NotSupportedException("an unbounded comparison never looks ids up");

        public Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => default;
    }

    private static async Task<(TableComparison Table, int Differences, int CassandraScans, int ElasticsearchScans)> CompareAsync(int ids, int differing, ComparisonOptions options)
    {
        var cassandra = new SyntheticSide("Cassandra", ids, ids / differing);
        var elasticsearch = new SyntheticSide("Elasticsearch", ids, ids / differing);
        var found = 0;
        var observer = new RecordingObserver { OnDifference = _ => { Interlocked.Increment(ref found); return Task.CompletedTask; } };
        var result = await new DataComparer(options).CompareAsync(cassandra, elasticsearch, observer, CancellationToken.None);
        return (result.Tables.Single(), found, cassandra.Scans, elasticsearch.Scans);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(400_000)]
    public async Task With_few_differences_each_side_is_read_once_and_no_id_is_held(int ids)
    {
        var (table, differences, cassandraScans, elasticsearchScans) = await CompareAsync(ids, 400, new ComparisonOptions { Seed = 1 });

        Assert.Equal(400, differences);
        Assert.Equal(400, table.Differences);
        Assert.Equal((1, 1), (cassandraScans, elasticsearchScans));
        Assert.Equal(0, table.BucketRounds);
        Assert.Equal(0, table.MaxIdsHeld);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(400_000)]
    public async Task With_many_differences_no_round_holds_more_ids_than_the_cap_whatever_the_table_size(int ids)
    {
        // The digest reads back at most ~100 versions: 4,000 differing ids force the re-reading rounds.
        const int cap = 2_000;
        var options = new ComparisonOptions { Seed = 2, DigestCells = 120, MaxIdsHeld = cap, BucketBits = 16 };

        var (table, differences, cassandraScans, _) = await CompareAsync(ids, 4_000, options);

        Assert.Equal(4_000, differences);
        Assert.True(table.BucketRounds >= 1);
        Assert.InRange(table.MaxIdsHeld, 1, cap);
        Assert.Equal(1 + table.BucketRounds, cassandraScans);
    }
}
