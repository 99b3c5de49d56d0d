using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Tests.TestStores;

/// <summary>
/// A source that makes up entries as they are read and a target that only counts them, keeping track of
/// how many entries are alive between the two: the engine's memory bound, measured exactly.
/// </summary>
internal sealed class GeneratedStore : ISyncStore
{
    private static readonly IReadOnlyDictionary<string, object?> Fields = new Dictionary<string, object?> { ["name"] = "x" };
    private readonly long _count;
    private long _outstanding;
    private long _maxOutstanding;
    private long _received;

    public GeneratedStore(string name, long count)
    {
        Name = name;
        _count = count;
    }

    public string Name { get; }
    public TimestampPrecision Precision => TimestampPrecision.Ticks;
    public long MaxOutstanding => Interlocked.Read(ref _maxOutstanding);
    public long Received => Interlocked.Read(ref _received);

    /// <summary>On a target: the store it receives from; a batch written here counts off the source's outstanding entries.</summary>
    public GeneratedStore Source { get; set; } = null!;

    public Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<TableInfo>>(new[] { new TableInfo("events", Array.Empty<ColumnInfo>()) });

    public async IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = range.Begin;
        for (long i = 0; i < _count; i++)
        {
            if (i % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }
            var outstanding = Interlocked.Increment(ref _outstanding);
            long max;
            while (outstanding > (max = Interlocked.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, outstanding, max) != max) { }
            yield return new SyncEntry(table.Name, NewId(i), start.AddTicks(1 + i % 1_000_000), Fields);
        }
    }

    public async Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var outcomes = new UpsertOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++) outcomes[i] = UpsertOutcome.Written(batch[i].Id);
        Interlocked.Add(ref _received, batch.Count);
        Interlocked.Add(ref Source._outstanding, -batch.Count);
        return outcomes;
    }

    public Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken) => throw new NotSupportedException();

    // A throughput source for the sync engine only; comparisons are measured with their own generated stores.
    public IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, CancellationToken cancellationToken)
        => throw new NotSupportedException("GeneratedStore feeds the sync engine only");

    public Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => throw new NotSupportedException("GeneratedStore feeds the sync engine only");

    public Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => throw new NotSupportedException("GeneratedStore feeds the sync engine only");

    public ValueTask DisposeAsync() => default;

    private static Guid NewId(long i)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), i);
        bytes[8] = 0x80;
        return new Guid(bytes);
    }
}
