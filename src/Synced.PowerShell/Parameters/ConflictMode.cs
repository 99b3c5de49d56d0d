namespace Synced;

/// <summary>
/// The values of <c>-ConflictMode</c>: how an upsert-if-newer into Elasticsearch keeps an older version from
/// overwriting a newer one. The cmdlets' own type (PowerShell reads parameter types before the engine can load),
/// one member per engine value.
/// </summary>
public enum ConflictMode
{
    /// <summary>Read the stored documents, compare tmstmp, write the newer ones with optimistic concurrency. The default.</summary>
    Compare = (int)Core.Elasticsearch.ConflictMode.Compare,

    /// <summary>External versions (tmstmp in microseconds): only for indices whose every writer uses that scheme.</summary>
    ExternalVersion = (int)Core.Elasticsearch.ConflictMode.ExternalVersion,
}
