namespace Synced.Core.Model;

/// <summary>Which way(s) a run syncs.</summary>
public enum SyncDirection
{
    /// <summary>Cassandra to Elasticsearch, then Elasticsearch to Cassandra.</summary>
    Both,

    /// <summary>Only Cassandra to Elasticsearch.</summary>
    CassandraToElasticsearch,

    /// <summary>Only Elasticsearch to Cassandra.</summary>
    ElasticsearchToCassandra,
}
