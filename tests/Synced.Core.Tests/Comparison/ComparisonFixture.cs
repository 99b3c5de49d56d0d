using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Core.Tests.TestStores;

namespace Synced.Core.Tests.Comparison;

/// <summary>A Cassandra-like store (every version, ticks) and an Elasticsearch-like one (newest only, milliseconds).</summary>
internal sealed class ComparisonFixture
{
    public ListStore Cassandra { get; } = new("Cassandra", TimestampPrecision.Ticks, keepVersions: true);
    public ListStore Elasticsearch { get; } = new("Elasticsearch", TimestampPrecision.Milliseconds, keepVersions: false);

    public static SyncEntry Entry(string table, Guid id, DateTime tmstmp, string name = "v")
        => new(table, id, tmstmp, new Dictionary<string, object?> { ["name"] = name });

    /// <summary>Puts a planted table into both stores.</summary>
    public ComparisonFixture Load(PlantedTable planted)
    {
        Cassandra.AddTable(planted.Table);
        Elasticsearch.AddTable(planted.Table);
        foreach (var (id, tmstmp) in planted.CassandraVersions) Cassandra.Put(Entry(planted.Table, id, tmstmp, "c"));
        foreach (var (id, tmstmp) in planted.ElasticsearchDocuments) Elasticsearch.Put(Entry(planted.Table, id, tmstmp, "e"));
        return this;
    }
}
