using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Core.Tests.TestStores;
using Synced.Core.Time;

namespace Synced.Core.Tests.Engine;

/// <summary>A Cassandra-like and an Elasticsearch-like list store and helpers to fill them.</summary>
internal sealed class EngineFixture
{
    public static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);
    public static readonly TimeRange SampleRange = new(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>The configuration the requests of engine tests name (the engine reads no checkpoint).</summary>
    public static readonly Synced.Core.Checkpoints.SyncConfiguration Configuration = new("app", "app");

    public ListStore Cassandra { get; } = new("Cassandra", TimestampPrecision.Ticks, keepVersions: true);
    public ListStore Elasticsearch { get; } = new("Elasticsearch", TimestampPrecision.Milliseconds, keepVersions: false);

    /// <summary>Creates the table on both sides (a table one side lacks makes a run incomplete).</summary>
    public EngineFixture AddTable(string table)
    {
        Cassandra.AddTable(table);
        Elasticsearch.AddTable(table);
        return this;
    }

    public static SyncEntry Entry(string table, Guid id, DateTime tmstmp, string name = "v")
        => new(table, id, tmstmp, new Dictionary<string, object?> { ["name"] = name });
}
