namespace Synced;

/// <summary>
/// The values of <c>-IndexLayout</c>: how Cassandra tables map to Elasticsearch indices. The cmdlets' own type
/// (PowerShell reads parameter types before the engine can load), one member per engine value.
/// </summary>
public enum IndexLayout
{
    /// <summary>Table <c>T</c> lives in index <c>&lt;index&gt;-&lt;t&gt;</c>; the alias <c>&lt;index&gt;</c> spans them all.</summary>
    PerTable = (int)Core.Elasticsearch.IndexLayout.PerTable,

    /// <summary>Every table lives in index <c>&lt;index&gt;</c>, told apart by a keyword discriminator field.</summary>
    SingleIndex = (int)Core.Elasticsearch.IndexLayout.SingleIndex,
}
