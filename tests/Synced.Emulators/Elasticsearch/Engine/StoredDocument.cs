using System;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// One version of a document (or the tombstone a delete leaves, which keeps the version for later writes).
/// Immutable: every write makes a new one, so searches and point-in-time views can hold them safely.
/// </summary>
internal sealed class StoredDocument
{
    public StoredDocument(string id, ReadOnlyMemory<byte> source, JsonElement element, long version, long seqNo, long primaryTerm)
    {
        Id = id;
        Source = source;
        Element = element;
        Version = version;
        SeqNo = seqNo;
        PrimaryTerm = primaryTerm;
    }

    private StoredDocument(string id, long version, long seqNo, long primaryTerm)
    {
        Id = id;
        Version = version;
        SeqNo = seqNo;
        PrimaryTerm = primaryTerm;
        IsDeleted = true;
    }

    public static StoredDocument Tombstone(string id, long version, long seqNo, long primaryTerm) => new(id, version, seqNo, primaryTerm);

    public string Id { get; }

    /// <summary>The source exactly as the client sent it (ES returns it byte for byte).</summary>
    public ReadOnlyMemory<byte> Source { get; }

    public JsonElement Element { get; }
    public long Version { get; }
    public long SeqNo { get; }
    public long PrimaryTerm { get; }
    public bool IsDeleted { get; }
}
