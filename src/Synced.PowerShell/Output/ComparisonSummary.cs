using System;
using Synced.Core.Comparison;

namespace Synced;

/// <summary>What comparing one table found (Compare-SyncedData -Summary).</summary>
public sealed class ComparisonSummary
{
    internal ComparisonSummary(TableComparison table, string keyspace, string index, DateTime? begin, DateTime? end)
    {
        Keyspace = keyspace;
        Index = index;
        Table = table.Table;
        Status = table.Status.ToString();
        CassandraIds = table.CassandraIds;
        ElasticsearchIds = table.ElasticsearchIds;
        MissingInElasticsearch = table.MissingInElasticsearch;
        MissingInCassandra = table.MissingInCassandra;
        ElasticsearchOlder = table.ElasticsearchOlder;
        CassandraOlder = table.CassandraOlder;
        Unreadable = table.Unreadable;
        Begin = begin;
        End = end;
        Duration = table.Duration;
        BucketRounds = table.BucketRounds;
        Message = table.Message;
    }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Table / type.</summary>
    public string Table { get; }

    /// <summary>Compared, Skipped, Failed or Cancelled.</summary>
    public string Status { get; }

    /// <summary>Ids whose newest Cassandra version lies in the range.</summary>
    public long CassandraIds { get; }

    /// <summary>Ids whose Elasticsearch version lies in the range.</summary>
    public long ElasticsearchIds { get; }

    /// <summary>All differences.</summary>
    public long Differences => MissingInElasticsearch + MissingInCassandra + ElasticsearchOlder + CassandraOlder;

    /// <summary>Ids Cassandra holds and Elasticsearch lacks.</summary>
    public long MissingInElasticsearch { get; }

    /// <summary>Ids Elasticsearch holds and Cassandra lacks.</summary>
    public long MissingInCassandra { get; }

    /// <summary>Ids whose Elasticsearch version is older.</summary>
    public long ElasticsearchOlder { get; }

    /// <summary>Ids whose newest Cassandra version is older.</summary>
    public long CassandraOlder { get; }

    /// <summary>Entries a side cannot read (no UUID id, no readable tmstmp); not compared.</summary>
    public long Unreadable { get; }

    /// <summary>First change time compared (UTC); empty for no lower bound.</summary>
    public DateTime? Begin { get; }

    /// <summary>First change time not compared (UTC); empty for no upper bound.</summary>
    public DateTime? End { get; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Rounds that re-read differing token buckets (0: one pass over each side was enough).</summary>
    public int BucketRounds { get; }

    /// <summary>Why the table was skipped or failed.</summary>
    public string? Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Table}: {Status}, {Differences} differences";
}
