using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Tests.TestStores;
using Synced.Core.Time;

namespace Synced.Core.Tests.Scheduling;

/// <summary>A list store whose listing can take time on a fake clock or fail, to script runs of a loop.</summary>
internal sealed class ScriptedStore : ISyncStore
{
    private readonly ListStore _inner;

    public ScriptedStore(ListStore inner) => _inner = inner;

    /// <summary>Runs at the start of every run (the runner lists the tables first): advance a clock, throw.</summary>
    public Func<CancellationToken, Task>? OnList { get; set; }

    /// <summary>Set by DisposeAsync: the loop closed this pair.</summary>
    public bool Disposed { get; private set; }

    public string Name => _inner.Name;

    public TimestampPrecision Precision => _inner.Precision;

    public async Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
    {
        if (OnList is not null) await OnList(cancellationToken);
        return await _inner.ListTablesAsync(cancellationToken);
    }

    public IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, CancellationToken cancellationToken) => _inner.ReadAsync(table, range, cancellationToken);

    public Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
        => _inner.UpsertIfNewerAsync(table, batch, context, cancellationToken);

    public Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken) => _inner.CreateTableAsync(sourceTable, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return default;
    }

    public IAsyncEnumerable<Synced.Core.Comparison.EntryVersion> ReadVersionsAsync(TableInfo table, Synced.Core.Comparison.VersionScan scan, CancellationToken cancellationToken)
        => _inner.ReadVersionsAsync(table, scan, cancellationToken);

    public Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => _inner.ReadNewestVersionsAsync(table, ids, cancellationToken);

    public Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => _inner.ReadNewestEntriesAsync(table, ids, cancellationToken);
}
