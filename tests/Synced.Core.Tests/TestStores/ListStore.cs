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
using Synced.Cql.Types;

namespace Synced.Core.Tests.TestStores;

/// <summary>
/// A list-backed store for engine tests. Keeps every version (like Cassandra) or only the newest (like
/// Elasticsearch), compares at the coarser precision of both sides, and can fail chosen entries.
/// </summary>
internal sealed class ListStore : ISyncStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<Guid, List<SyncEntry>>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _contractViolations = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _keepVersions;

    public ListStore(string name, TimestampPrecision precision, bool keepVersions)
    {
        Name = name;
        Precision = precision;
        _keepVersions = keepVersions;
    }

    public string Name { get; }
    public TimestampPrecision Precision { get; }

    /// <summary>Return a reason to fail an entry on upsert; null lets it through.</summary>
    public Func<SyncEntry, string?>? FailWhen { get; set; }

    /// <summary>Entries the source cannot read, yielded after the others.</summary>
    public List<SyncEntry> Unreadable { get; } = new();

    /// <summary>Runs before each yielded entry of a read (tests cancel or throw from here).</summary>
    public Action<SyncEntry>? OnRead { get; set; }

    public int UpsertCalls;

    /// <summary>Version scans started (<see cref="ReadVersionsAsync"/>), and how many of them selected token ranges.</summary>
    public int VersionScans;
    public int TokenScans;

    /// <summary>Runs before each yielded version of a version scan (tests write, cancel or throw from here).</summary>
    public Action<EntryVersion>? OnReadVersion { get; set; }

    public ListStore AddTable(string table)
    {
        lock (_gate)
        {
            if (!_tables.ContainsKey(table)) _tables[table] = new Dictionary<Guid, List<SyncEntry>>();
        }
        return this;
    }

    public ListStore BreakContract(string table, string reason)
    {
        AddTable(table);
        _contractViolations[table] = reason;
        return this;
    }

    public void Put(SyncEntry entry)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entry.Table, out var rows)) _tables[entry.Table] = rows = new Dictionary<Guid, List<SyncEntry>>();
            if (!rows.TryGetValue(entry.Id, out var versions)) rows[entry.Id] = versions = new List<SyncEntry>();
            if (!_keepVersions) versions.Clear();
            versions.Add(Precision == TimestampPrecision.Milliseconds
                ? new SyncEntry(entry.Table, entry.Id, UtcTime.TruncateToMilliseconds(entry.Tmstmp), entry.Fields)
                : entry);
        }
    }

    public SyncEntry? Newest(string table, Guid id)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var rows) && rows.TryGetValue(id, out var versions)
                ? versions.OrderByDescending(v => v.Tmstmp).First()
                : null;
        }
    }

    public int VersionCount(string table, Guid id)
    {
        lock (_gate) return _tables.TryGetValue(table, out var rows) && rows.TryGetValue(id, out var v) ? v.Count : 0;
    }

    public bool HasTable(string table)
    {
        lock (_gate) return _tables.ContainsKey(table);
    }

    public Task<IReadOnlyList<TableInfo>> ListTablesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TableInfo> tables = _tables.Keys
                .Select(t => new TableInfo(t, new[] { new ColumnInfo("id", CqlType.Uuid), new ColumnInfo("tmstmp", CqlType.Timeuuid) },
                    _contractViolations.TryGetValue(t, out var reason) ? reason : null, $"{Name.ToLowerInvariant()}.{t}"))
                .ToList();
            return Task.FromResult(tables);
        }
    }

    public async IAsyncEnumerable<SyncEntry> ReadAsync(TableInfo table, TimeRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<SyncEntry> snapshot;
        lock (_gate)
        {
            snapshot = _tables.TryGetValue(table.Name, out var rows)
                ? rows.Values.SelectMany(v => v).Where(e => range.Contains(e.Tmstmp)).ToList()
                : new List<SyncEntry>();
        }
        snapshot.AddRange(Unreadable.Where(u => string.Equals(u.Table, table.Name, StringComparison.OrdinalIgnoreCase)));
        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OnRead?.Invoke(entry);
            await Task.Yield();
            yield return entry;
        }
    }

    public Task<IReadOnlyList<UpsertOutcome>> UpsertIfNewerAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref UpsertCalls);
        var coarse = context.SourcePrecision == TimestampPrecision.Milliseconds || Precision == TimestampPrecision.Milliseconds;
        var outcomes = new List<UpsertOutcome>(batch.Count);
        foreach (var entry in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = FailWhen?.Invoke(entry);
            if (reason is not null) { outcomes.Add(UpsertOutcome.Failed(entry.Id, reason)); continue; }
            var stored = Newest(table.Name, entry.Id);
            var candidate = coarse ? UtcTime.TruncateToMilliseconds(entry.Tmstmp) : entry.Tmstmp;
            var current = stored is null ? (DateTime?)null : coarse ? UtcTime.TruncateToMilliseconds(stored.Tmstmp) : stored.Tmstmp;
            if (current is not null && candidate <= current) { outcomes.Add(UpsertOutcome.SkippedNotNewer(entry.Id)); continue; }
            if (context.DryRun) { outcomes.Add(UpsertOutcome.WouldWrite(entry.Id)); continue; }
            Put(new SyncEntry(table.Name, entry.Id, entry.Tmstmp, entry.Fields));
            outcomes.Add(UpsertOutcome.Written(entry.Id));
        }
        return Task.FromResult<IReadOnlyList<UpsertOutcome>>(outcomes);
    }

    public async IAsyncEnumerable<EntryVersion> ReadVersionsAsync(TableInfo table, VersionScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref VersionScans);
        if (scan.Tokens is not null) Interlocked.Increment(ref TokenScans);
        List<EntryVersion> snapshot;
        lock (_gate)
        {
            snapshot = _tables.TryGetValue(table.Name, out var rows)
                ? rows.Select(r => new EntryVersion(r.Key, r.Value.Max(v => v.Tmstmp))).ToList()
                : new List<EntryVersion>();
        }
        if (scan.Tokens is { } tokens) snapshot = snapshot.Where(v => IdToken.IsIn(IdToken.Of(v.Id), tokens)).ToList();
        // The lower bound as the real stores apply it: ids whose newest version lies before its millisecond are left out.
        if (scan.NotBefore is { } notBefore) snapshot = snapshot.Where(v => v.Tmstmp >= UtcTime.TruncateToMilliseconds(notBefore)).ToList();
        snapshot.AddRange(Unreadable.Where(u => string.Equals(u.Table, table.Name, StringComparison.OrdinalIgnoreCase))
            .Select(u => EntryVersion.Unreadable(u.SourceKey!, u.ReadError!)));
        foreach (var version in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OnReadVersion?.Invoke(version);
            if (snapshot.Count < 1000 || (version.Id.GetHashCode() & 0xFF) == 0) await Task.Yield();
            yield return version;
        }
    }

    public Task<IReadOnlyList<DateTime?>> ReadNewestVersionsAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<DateTime?>>(ids.Select(id => Newest(table.Name, id)?.Tmstmp).ToList());

    public Task<IReadOnlyList<SyncEntry?>> ReadNewestEntriesAsync(TableInfo table, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<SyncEntry?>>(ids.Select(id => Newest(table.Name, id)).ToList());

    public Task<TableInfo> CreateTableAsync(TableInfo sourceTable, CancellationToken cancellationToken)
    {
        AddTable(sourceTable.Name);
        return Task.FromResult(new TableInfo(sourceTable.Name, sourceTable.Columns, null, $"{Name.ToLowerInvariant()}.{sourceTable.Name}"));
    }

    public ValueTask DisposeAsync() => default;
}
