using System;
using Synced.Core.Comparison;
using Synced.PowerShell.Infrastructure;

namespace Synced;

/// <summary>What comparing one table found (Compare-SyncedData -Summary, Invoke-SyncedRun -Verify).</summary>
public sealed class ComparisonSummary
{
    private readonly TableComparison _table;

    internal ComparisonSummary(TableComparison table, string keyspace, string index, DateTime? begin, DateTime? end)
    {
        _table = table;
        Keyspace = keyspace;
        Index = index;
        Begin = begin;
        End = end;
    }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Table / type.</summary>
    public string Table => _table.Table;

    /// <summary>Compared, Skipped, Failed or Cancelled.</summary>
    public string Status => _table.Status.ToString();

    /// <summary>Ids whose newest Cassandra version lies in the range.</summary>
    public long CassandraIds => _table.CassandraIds;

    /// <summary>Ids whose Elasticsearch version lies in the range.</summary>
    public long ElasticsearchIds => _table.ElasticsearchIds;

    /// <summary>All differences.</summary>
    public long Differences => _table.Differences;

    /// <summary>Ids Cassandra holds and Elasticsearch lacks.</summary>
    public long MissingInElasticsearch => _table.MissingInElasticsearch;

    /// <summary>Ids Elasticsearch holds and Cassandra lacks.</summary>
    public long MissingInCassandra => _table.MissingInCassandra;

    /// <summary>Ids whose Elasticsearch version is older.</summary>
    public long ElasticsearchOlder => _table.ElasticsearchOlder;

    /// <summary>Ids whose newest Cassandra version is older.</summary>
    public long CassandraOlder => _table.CassandraOlder;

    /// <summary>Entries a side cannot read (no UUID id, no readable tmstmp); not compared.</summary>
    public long Unreadable => _table.Unreadable;

    /// <summary>First change time compared (UTC); empty for no lower bound.</summary>
    public DateTime? Begin { get; }

    /// <summary>First change time not compared (UTC); empty for no upper bound.</summary>
    public DateTime? End { get; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration => _table.Duration;

    /// <summary>Rounds that re-read differing token buckets (0: one pass over each side was enough).</summary>
    public int BucketRounds => _table.BucketRounds;

    /// <summary>Why the table was skipped or failed.</summary>
    public string? Message => ParameterNames.Describe(_table);

    /// <inheritdoc />
    public override string ToString() => $"{Table}: {Status}, {Differences} differences";
}
