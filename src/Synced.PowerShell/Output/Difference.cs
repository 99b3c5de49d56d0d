using System;

namespace Synced;

/// <summary>One id whose newest versions differ between Cassandra and Elasticsearch (Compare-SyncedData's output).</summary>
public sealed class Difference
{
    internal Difference(Core.Comparison.Difference difference, string keyspace, string index)
    {
        Keyspace = keyspace;
        Index = index;
        Table = difference.Table;
        Id = difference.Id;
        CassandraTmstmp = difference.CassandraTmstmp;
        ElasticsearchTmstmp = difference.ElasticsearchTmstmp;
        Kind = difference.Kind.ToString();
    }

    /// <summary>Cassandra keyspace (binds to Repair-SyncedData's -Keyspace).</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index (binds to -Index).</summary>
    public string Index { get; }

    /// <summary>Table / type (binds to -Table).</summary>
    public string Table { get; }

    /// <summary>The entry's id (binds to -Id).</summary>
    public Guid Id { get; }

    /// <summary>Cassandra's newest tmstmp in whole milliseconds (UTC); empty when Cassandra lacks the id.</summary>
    public DateTime? CassandraTmstmp { get; }

    /// <summary>Elasticsearch's tmstmp (UTC); empty when Elasticsearch lacks the id.</summary>
    public DateTime? ElasticsearchTmstmp { get; }

    /// <summary>MissingInElasticsearch, MissingInCassandra, ElasticsearchOlder or CassandraOlder (binds to -Kind).</summary>
    public string Kind { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Table}/{Id}: {Kind}";
}
