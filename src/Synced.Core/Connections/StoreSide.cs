namespace Synced.Core.Connections;

/// <summary>Which of the two clusters of a sync.</summary>
public enum StoreSide
{
    /// <summary>The Cassandra cluster (a keyspace).</summary>
    Cassandra,

    /// <summary>The Elasticsearch cluster (an index or alias).</summary>
    Elasticsearch,
}
