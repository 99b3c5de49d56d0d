namespace Synced.Core.Comparison;

/// <summary>How the newest versions of one id differ between the two sides.</summary>
public enum DifferenceKind
{
    /// <summary>Cassandra holds the id; Elasticsearch has no document for it.</summary>
    MissingInElasticsearch,

    /// <summary>Elasticsearch holds the id; Cassandra has no row for it.</summary>
    MissingInCassandra,

    /// <summary>Both hold it; Elasticsearch's version is older than Cassandra's newest.</summary>
    ElasticsearchOlder,

    /// <summary>Both hold it; Cassandra's newest version is older than Elasticsearch's.</summary>
    CassandraOlder,
}
