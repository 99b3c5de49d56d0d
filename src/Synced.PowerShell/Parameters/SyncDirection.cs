namespace Synced;

/// <summary>
/// The values of <c>-Direction</c>: which way(s) a run syncs, or which watermarks a checkpoint command sets. The
/// cmdlets' own type (PowerShell reads parameter types before the engine can load), one member per engine value.
/// </summary>
public enum SyncDirection
{
    /// <summary>Cassandra to Elasticsearch, then Elasticsearch to Cassandra.</summary>
    Both = (int)Core.Model.SyncDirection.Both,

    /// <summary>Only Cassandra to Elasticsearch.</summary>
    CassandraToElasticsearch = (int)Core.Model.SyncDirection.CassandraToElasticsearch,

    /// <summary>Only Elasticsearch to Cassandra.</summary>
    ElasticsearchToCassandra = (int)Core.Model.SyncDirection.ElasticsearchToCassandra,
}
