using System;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// One version of a document (or the tombstone a delete leaves, which keeps the version for later writes).
/// Immutable: every write makes a new one, so searches and point-in-time views can hold them safely.
/// </summary>
internal sealed class StoredDocument
{
    public StoredDocument(string id, ReadOnlyMemory<byte> source, JsonElement element, long version, long seqNo, long primaryTerm, int shard = 0,
        SourceMapping? sourceMapping = null)
    {
        Id = id;
        Shard = shard;
        Element = element;
        var stored = (sourceMapping ?? SourceMapping.Default).Store(source, element);
        HasSource = stored is not null;
        Source = stored?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        SourceElement = stored?.Element ?? default;
        Version = version;
        SeqNo = seqNo;
        PrimaryTerm = primaryTerm;
    }

    private StoredDocument(string id, long version, long seqNo, long primaryTerm, int shard)
    {
        Id = id;
        Shard = shard;
        DeletedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        Version = version;
        SeqNo = seqNo;
        PrimaryTerm = primaryTerm;
        IsDeleted = true;
    }

    public static StoredDocument Tombstone(string id, long version, long seqNo, long primaryTerm, int shard = 0) => new(id, version, seqNo, primaryTerm, shard);

    public string Id { get; }

    /// <summary>The shard of the index that holds the document (routed by its id).</summary>
    public int Shard { get; }

    /// <summary>
    /// The stored source: exactly as the client sent it (ES returns it byte for byte), or as the mapping's
    /// <c>_source</c> includes/excludes cut it; empty when the mapping disables <c>_source</c>.
    /// </summary>
    public ReadOnlyMemory<byte> Source { get; }

    /// <summary>The stored source, parsed (default when there is none).</summary>
    public JsonElement SourceElement { get; }

    /// <summary>False when the index's mapping disables <c>_source</c>: GET, hits and updates get none.</summary>
    public bool HasSource { get; }

    /// <summary>The whole document as sent: what fields are indexed from.</summary>
    public JsonElement Element { get; }
    public long Version { get; }
    public long SeqNo { get; }
    public long PrimaryTerm { get; }
    public bool IsDeleted { get; }

    /// <summary>When a tombstone was made (Stopwatch ticks): it is forgotten after <c>index.gc_deletes</c>.</summary>
    public long DeletedAt { get; }

    /// <summary>
    /// Field values already extracted from the source (what Lucene keeps as doc values), so repeated searches
    /// and sorts do not walk the JSON again. Copy-on-write; a lost race only costs a recomputation.
    /// </summary>
    private volatile FieldValueCacheEntry[] _fieldValues = System.Array.Empty<FieldValueCacheEntry>();

    public FieldValue[]? CachedValues(string field)
    {
        foreach (var entry in _fieldValues)
            if (string.Equals(entry.Field, field, System.StringComparison.Ordinal)) return entry.Values;
        return null;
    }

    public void CacheValues(string field, FieldValue[] values)
    {
        var current = _fieldValues;
        var next = new FieldValueCacheEntry[current.Length + 1];
        current.CopyTo(next, 0);
        next[^1] = new FieldValueCacheEntry(field, values);
        _fieldValues = next;
    }
}
