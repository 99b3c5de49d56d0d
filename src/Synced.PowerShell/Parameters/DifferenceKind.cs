namespace Synced;

/// <summary>
/// The values of Repair-SyncedData's <c>-Kind</c>: how the newest versions of one id differ between the two sides.
/// The cmdlets' own type (PowerShell reads parameter types before the engine can load), one member per engine value.
/// </summary>
public enum DifferenceKind
{
    /// <summary>Cassandra holds the id; Elasticsearch has no document for it.</summary>
    MissingInElasticsearch = (int)Core.Comparison.DifferenceKind.MissingInElasticsearch,

    /// <summary>Elasticsearch holds the id; Cassandra has no row for it.</summary>
    MissingInCassandra = (int)Core.Comparison.DifferenceKind.MissingInCassandra,

    /// <summary>Both hold it; Elasticsearch's version is older than Cassandra's newest.</summary>
    ElasticsearchOlder = (int)Core.Comparison.DifferenceKind.ElasticsearchOlder,

    /// <summary>Both hold it; Cassandra's newest version is older than Elasticsearch's.</summary>
    CassandraOlder = (int)Core.Comparison.DifferenceKind.CassandraOlder,
}
