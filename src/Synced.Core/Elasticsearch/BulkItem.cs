namespace Synced.Core.Elasticsearch;

/// <summary>One action of a <c>_bulk</c> body: its action line and document, and where its answer goes.</summary>
internal sealed class BulkItem
{
    public BulkItem(int entryIndex, byte[] action, byte[] document)
    {
        EntryIndex = entryIndex;
        Action = action;
        Document = document;
    }

    /// <summary>Position of the entry in the batch.</summary>
    public int EntryIndex { get; }

    /// <summary>The action line's JSON (no newline).</summary>
    public byte[] Action { get; }

    /// <summary>The document's JSON (no newline).</summary>
    public byte[] Document { get; }

    /// <summary>Bytes this item adds to a body, newlines included.</summary>
    public int Size => Action.Length + Document.Length + 2;

    /// <summary>HTTP status of the item's answer; 0 until answered.</summary>
    public int Status { get; set; }

    /// <summary>The item's error, when it failed.</summary>
    public ElasticsearchError? Error { get; set; }
}
