namespace Synced.Emulators.Elasticsearch;

/// <summary>What a write did: the stored version and ES's result word and HTTP status.</summary>
internal sealed class WriteResult
{
    public WriteResult(StoredDocument document, string result, int status)
    {
        Document = document;
        Result = result;
        Status = status;
    }

    public StoredDocument Document { get; }

    /// <summary>created, updated, deleted, not_found or noop.</summary>
    public string Result { get; }

    public int Status { get; }
}
