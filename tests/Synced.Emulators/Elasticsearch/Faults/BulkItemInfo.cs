namespace Synced.Emulators.Elasticsearch;

/// <summary>One operation of a <c>_bulk</c> request, as bulk fault predicates see it.</summary>
public sealed class BulkItemInfo
{
    internal BulkItemInfo(string action, string index, string? id)
    {
        Action = action;
        Index = index;
        Id = id;
    }

    /// <summary>index, create, update or delete.</summary>
    public string Action { get; }

    /// <summary>The index (or alias) the item names.</summary>
    public string Index { get; }

    /// <summary>The document id, when given.</summary>
    public string? Id { get; }
}
