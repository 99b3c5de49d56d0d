using System;

namespace Synced;

/// <summary>One id whose newest versions differ between Cassandra and Elasticsearch (Compare-SyncedData's output).</summary>
public sealed class Difference
{
    private readonly Core.Comparison.Difference _difference;

    internal Difference(Core.Comparison.Difference difference, string keyspace, string index)
    {
        _difference = difference;
        Keyspace = keyspace;
        Index = index;
    }

    /// <summary>Cassandra keyspace (binds to Repair-SyncedData's -Keyspace).</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index (binds to -Index).</summary>
    public string Index { get; }

    /// <summary>Table / type (binds to -Table).</summary>
    public string Table => _difference.Table;

    /// <summary>The entry's id (binds to -Id).</summary>
    public Guid Id => _difference.Id;

    /// <summary>Cassandra's newest tmstmp in whole milliseconds (UTC); empty when Cassandra lacks the id.</summary>
    public DateTime? CassandraTmstmp => _difference.CassandraTmstmp;

    /// <summary>Elasticsearch's tmstmp (UTC); empty when Elasticsearch lacks the id.</summary>
    public DateTime? ElasticsearchTmstmp => _difference.ElasticsearchTmstmp;

    /// <summary>MissingInElasticsearch, MissingInCassandra, ElasticsearchOlder or CassandraOlder (binds to -Kind).</summary>
    public string Kind => _difference.Kind.ToString();

    /// <inheritdoc />
    public override string ToString() => $"{Table}/{Id}: {Kind}";
}
