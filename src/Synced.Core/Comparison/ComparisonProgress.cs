using System;

namespace Synced.Core.Comparison;

/// <summary>A snapshot of the work on one table, for progress display.</summary>
public sealed class ComparisonProgress
{
    /// <summary>Creates a snapshot.</summary>
    public ComparisonProgress(string table, int tableNumber, int tableCount, string phase, long cassandraRead, long elasticsearchRead, long differences, TimeSpan elapsed)
    {
        Table = table;
        TableNumber = tableNumber;
        TableCount = tableCount;
        Phase = phase;
        CassandraRead = cassandraRead;
        ElasticsearchRead = elasticsearchRead;
        Differences = differences;
        Elapsed = elapsed;
    }

    /// <summary>The table being compared.</summary>
    public string Table { get; }

    /// <summary>1-based number of the table.</summary>
    public int TableNumber { get; }

    /// <summary>Tables to compare.</summary>
    public int TableCount { get; }

    /// <summary>What is being done, e.g. "reading both sides".</summary>
    public string Phase { get; }

    /// <summary>Ids read from Cassandra so far in this phase.</summary>
    public long CassandraRead { get; }

    /// <summary>Ids read from Elasticsearch so far in this phase.</summary>
    public long ElasticsearchRead { get; }

    /// <summary>Differences found so far in this table.</summary>
    public long Differences { get; }

    /// <summary>Time spent on this table so far.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Ids read per second (both sides) so far.</summary>
    public double ReadRate => Elapsed.TotalSeconds > 0 ? (CassandraRead + ElasticsearchRead) / Elapsed.TotalSeconds : 0;
}
