using System;

namespace Synced.Core.Comparison;

/// <summary>What comparing one table found.</summary>
public sealed class TableComparison
{
    /// <summary>Creates an empty result for <paramref name="table"/>.</summary>
    public TableComparison(string table) => Table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The table / type.</summary>
    public string Table { get; }

    /// <summary>Compared, Skipped, Failed or Cancelled.</summary>
    public TableComparisonStatus Status { get; internal set; }

    /// <summary>Ids whose newest Cassandra version lies in the range.</summary>
    public long CassandraIds { get; internal set; }

    /// <summary>Ids whose Elasticsearch version lies in the range.</summary>
    public long ElasticsearchIds { get; internal set; }

    /// <summary>Ids Cassandra holds and Elasticsearch lacks.</summary>
    public long MissingInElasticsearch { get; internal set; }

    /// <summary>Ids Elasticsearch holds and Cassandra lacks.</summary>
    public long MissingInCassandra { get; internal set; }

    /// <summary>Ids whose Elasticsearch version is older.</summary>
    public long ElasticsearchOlder { get; internal set; }

    /// <summary>Ids whose newest Cassandra version is older.</summary>
    public long CassandraOlder { get; internal set; }

    /// <summary>Entries a side holds but cannot read as one (no UUID id, no readable tmstmp); not compared.</summary>
    public long Unreadable { get; internal set; }

    /// <summary>All differences.</summary>
    public long Differences => MissingInElasticsearch + MissingInCassandra + ElasticsearchOlder + CassandraOlder;

    /// <summary>
    /// How many rounds re-read differing buckets: 0 when the one pass over each side found every difference
    /// (they fitted the invertible digest).
    /// </summary>
    public int BucketRounds { get; internal set; }

    /// <summary>Most Cassandra ids held at once while buckets were re-read.</summary>
    public long MaxIdsHeld { get; internal set; }

    /// <summary>Time spent on the table.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>True when only one side holds the table (so it was skipped): a run that creates missing tables creates the other.</summary>
    public bool OnOneSideOnly { get; internal set; }

    /// <summary>Why the table was skipped or failed.</summary>
    public string? Message { get; internal set; }

    internal void Count(DifferenceKind kind)
    {
        switch (kind)
        {
            case DifferenceKind.MissingInElasticsearch: MissingInElasticsearch++; break;
            case DifferenceKind.MissingInCassandra: MissingInCassandra++; break;
            case DifferenceKind.ElasticsearchOlder: ElasticsearchOlder++; break;
            default: CassandraOlder++; break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Table}: {Status}, {Differences} differences";
}
