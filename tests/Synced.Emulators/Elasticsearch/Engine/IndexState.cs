using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// One index (one shard): the live documents real-time GETs read, the refreshed snapshot searches read,
/// sequence numbers, versions, mapping, settings and aliases. Writes take the index's own lock; reads take none.
/// </summary>
internal sealed class IndexState
{
    public const long PrimaryTerm = 1;

    private readonly object _writeLock = new();
    private readonly object _refreshLock = new();
    private readonly ConcurrentDictionary<string, StoredDocument> _live = new(StringComparer.Ordinal);
    private Dictionary<string, StoredDocument> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextRefresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IndexSnapshot _snapshot = IndexSnapshot.Empty;
    // Sequence numbers are per shard in Elasticsearch; created with the index's (final) shard count.
    private long[] _nextSeqNo = new long[1];
    private long _lastRefreshTicks = Stopwatch.GetTimestamp();

    public IndexState(string name, string version, int creationOrder)
    {
        Name = name;
        Uuid = NewUuid();
        CreationOrder = creationOrder;
        Settings = new IndexSettings(name, Uuid, version);
        Mapping = new IndexMapping(Settings);
    }

    public string Name { get; }
    public string Uuid { get; }
    public int CreationOrder { get; }
    public IndexSettings Settings { get; }
    public IndexMapping Mapping { get; }

    /// <summary>The aliases on this index; replaced as a whole under the cluster lock.</summary>
    public ImmutableSortedDictionary<string, AliasDefinition> Aliases { get; set; } = ImmutableSortedDictionary<string, AliasDefinition>.Empty;

    /// <summary>The refreshed view searches use.</summary>
    public IndexSnapshot Snapshot => _snapshot;

    public bool HasPendingChanges
    {
        get { lock (_writeLock) return _pending.Count > 0; }
    }

    /// <summary>Sizes the per-shard state once the creation settings are applied.</summary>
    public void InitializeShards() => _nextSeqNo = new long[Settings.NumberOfShards];

    /// <summary>The shard of a document id.</summary>
    public int ShardOf(string id) => ShardRouting.ShardOf(id, Settings.NumberOfShards, Settings.RoutingShards);

    private long NextSeqNo(int shard) => _nextSeqNo[shard]++;

    /// <summary>The current version of a document as a real-time GET sees it (null when never written).</summary>
    public StoredDocument? GetLive(string id) => _live.TryGetValue(id, out var d) ? d : null;

    /// <summary>
    /// The version a write checks against: the live document, or the tombstone of a delete until
    /// <c>index.gc_deletes</c> has passed (LiveVersionMap keeps deletes that long; then the id is as new).
    /// Call under the write lock.
    /// </summary>
    private StoredDocument? Current(string id)
    {
        var current = GetLive(id);
        if (current is { IsDeleted: true } && Stopwatch.GetElapsedTime(current.DeletedAt) >= Settings.GcDeletes)
        {
            _live.TryRemove(id, out _);
            return null;
        }
        return current;
    }

    /// <summary>
    /// Bulk requests to this index take turns (waiting without spinning), as a shard's bulk runs as one task on its
    /// primary: their documents then do not compete for the write lock one by one.
    /// </summary>
    public System.Threading.SemaphoreSlim BulkTurn { get; } = new(1, 1);

    /// <summary>Runs <paramref name="action"/> under the index's write lock (mapping changes, settings updates).</summary>
    public T Locked<T>(Func<T> action)
    {
        lock (_writeLock) return action();
    }

    /// <summary>Indexes (or creates) a document after checking its concurrency conditions.</summary>
    public WriteResult Index(string id, ReadOnlyMemory<byte> source, JsonElement element, WriteConditions conditions)
    {
        lock (_writeLock)
        {
            // ES parses the document (and so rejects mapping errors) before the engine checks versions.
            Mapping.ApplyDocument(this, id, element);
            var current = Current(id);
            CheckConditions(id, current, conditions, isDelete: false);
            var found = current is { IsDeleted: false };
            var version = NextVersion(current, conditions);
            var shard = ShardOf(id);
            var doc = new StoredDocument(id, source, element, version, NextSeqNo(shard), PrimaryTerm, shard, Mapping.Source);
            Store(doc);
            return new WriteResult(doc, found ? "updated" : "created", found ? 200 : 201);
        }
    }

    /// <summary>Deletes a document; a missing one still consumes a sequence number, as in ES.</summary>
    public WriteResult Delete(string id, WriteConditions conditions)
    {
        lock (_writeLock)
        {
            var current = Current(id);
            CheckConditions(id, current, conditions, isDelete: true);
            var found = current is { IsDeleted: false };
            var version = NextVersion(current, conditions);
            var shard = ShardOf(id);
            var tombstone = StoredDocument.Tombstone(id, version, NextSeqNo(shard), PrimaryTerm, shard);
            Store(tombstone);
            return new WriteResult(tombstone, found ? "deleted" : "not_found", found ? 200 : 404);
        }
    }

    /// <summary>
    /// Partial update: <paramref name="change"/> gets the current document (null when it is missing) and gives the
    /// new source (the merge, or the upsert document), or null for none (an error when the document is missing).
    /// Unchanged documents give <c>noop</c> (ES's detect_noop).
    /// </summary>
    public WriteResult Update(string id, Func<StoredDocument?, (ReadOnlyMemory<byte> Source, JsonElement Element)?> change,
        WriteConditions conditions, bool typedErrors)
    {
        lock (_writeLock)
        {
            var current = Current(id);
            if (conditions.IfSeqNo is not null) CheckConditions(id, current, conditions, isDelete: false);
            var found = current is { IsDeleted: false };
            // An update merges into the stored source (UpdateHelper): without one there is nothing to merge into.
            if (found && !current!.HasSource) throw Errors.DocumentSourceMissing(this, id, typedErrors);
            var next = change(found ? current : null);
            if (next is null)
            {
                if (!found) throw Errors.DocumentMissing(this, id, typedErrors);
                return new WriteResult(current!, "noop", 200);
            }
            Mapping.ApplyDocument(this, id, next.Value.Element);
            var version = current is null ? 1 : current.Version + 1;
            var shard = ShardOf(id);
            var doc = new StoredDocument(id, next.Value.Source, next.Value.Element, version, NextSeqNo(shard), PrimaryTerm, shard, Mapping.Source);
            Store(doc);
            return new WriteResult(doc, found ? "updated" : "created", found ? 200 : 201);
        }
    }

    private void Store(StoredDocument doc)
    {
        _live[doc.Id] = doc;
        _pending[doc.Id] = doc;
    }

    private void CheckConditions(string id, StoredDocument? current, WriteConditions c, bool isDelete)
    {
        var found = current is { IsDeleted: false };
        if (c.IfSeqNo is { } ifSeqNo)
        {
            var ifTerm = c.IfPrimaryTerm ?? 0;
            if (!found)
                throw Errors.VersionConflict(this, id, $"required seqNo [{ifSeqNo}], primary term [{ifTerm}]. but no document was found");
            if (current!.SeqNo != ifSeqNo || current.PrimaryTerm != ifTerm)
                throw Errors.VersionConflict(this, id,
                    $"required seqNo [{ifSeqNo}], primary term [{ifTerm}]. current document has seqNo [{current.SeqNo}] and primary term [{current.PrimaryTerm}]");
        }
        if (c.Create && !isDelete && found)
            throw Errors.VersionConflict(this, id, $"document already exists (current version [{current!.Version}])");
        if (c.VersionType != VersionType.Internal && current is not null)
        {
            var expected = c.Version!.Value;
            if (c.VersionType == VersionType.External && current.Version >= expected)
                throw Errors.VersionConflict(this, id, $"current version [{current.Version}] is higher or equal to the one provided [{expected}]");
            if (c.VersionType == VersionType.ExternalGte && current.Version > expected)
                throw Errors.VersionConflict(this, id, $"current version [{current.Version}] is higher than the one provided [{expected}]");
        }
    }

    private static long NextVersion(StoredDocument? current, WriteConditions c) =>
        c.VersionType == VersionType.Internal ? (current is null ? 1 : current.Version + 1) : c.Version!.Value;

    /// <summary>Makes every write so far visible to searches.</summary>
    public void Refresh()
    {
        lock (_refreshLock)
        {
            Dictionary<string, StoredDocument> pending;
            TaskCompletionSource waiters;
            lock (_writeLock)
            {
                pending = _pending;
                waiters = _nextRefresh;
                _pending = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
                _nextRefresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                System.Threading.Interlocked.Exchange(ref _lastRefreshTicks, Stopwatch.GetTimestamp());
            }
            if (pending.Count > 0) _snapshot = _snapshot.With(pending);
            waiters.TrySetResult();
        }
    }

    /// <summary>
    /// Completes at the next refresh that includes the writes made so far (refresh=wait_for). With refreshes
    /// disabled the emulator refreshes at once instead of waiting forever.
    /// </summary>
    public Task WaitForRefreshAsync()
    {
        Task task;
        lock (_writeLock)
        {
            if (_pending.Count == 0) return Task.CompletedTask;
            task = _nextRefresh.Task;
        }
        if (Settings.RefreshInterval is null) Refresh();
        return task;
    }

    /// <summary>Refreshes when the refresh interval has passed and there is something to show.</summary>
    public void RefreshIfDue()
    {
        var interval = Settings.RefreshInterval;
        if (interval is null) return;
        var elapsed = Stopwatch.GetElapsedTime(System.Threading.Interlocked.Read(ref _lastRefreshTicks));
        if (elapsed < interval.Value) return;
        if (HasPendingChanges) Refresh();
        else System.Threading.Interlocked.Exchange(ref _lastRefreshTicks, Stopwatch.GetTimestamp());
    }

    private static string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
