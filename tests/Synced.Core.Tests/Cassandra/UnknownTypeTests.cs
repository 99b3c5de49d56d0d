using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Cql.Tests.Client;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>A column of a type Synced does not know makes only its table not syncable; the rest of the keyspace syncs.</summary>
public sealed class UnknownTypeTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Tables_with_a_future_or_custom_type_are_reported_as_not_syncable_and_the_others_are_read()
    {
        await using var cluster = new ScriptedCluster(0L);
        cluster.AddRows(12, Begin);
        var contract = new (string, string, string, int)[] { ("id", "uuid", "partition_key", 0), ("tmstmp", "timeuuid", "clustering", 0) };
        cluster.Nodes[0].Tables.Add(new FakeTable("ks", "future", contract.Append(("shape", "geometry<point>", "regular", -1)).ToArray()));
        cluster.Nodes[0].Tables.Add(new FakeTable("ks", "nested_future", contract.Append(("shapes", "list<frozen<geometry<point>>>", "regular", -1)).ToArray()));
        cluster.Nodes[0].Tables.Add(new FakeTable("ks", "custom", contract.Append(("point", "'org.example.PointType'", "regular", -1)).ToArray()));
        cluster.Nodes[0].Tables.Add(new FakeTable("ks", "custom_inside", contract.Append(("points", "map<text, 'org.example.PointType'>", "regular", -1)).ToArray()));
        await using var store = await CassandraStore.ConnectAsync(cluster.StoreOptions(o => o.ScanSplits = 1), "ks", CancellationToken.None);

        var tables = (await store.ListTablesAsync(CancellationToken.None)).ToDictionary(t => t.Name);

        Assert.True(tables["t"].MeetsContract);
        Assert.Contains("column shape has a type Synced does not know (geometry<point>)", tables["future"].Reason);
        Assert.Contains("column shapes has a type Synced does not know", tables["nested_future"].Reason);
        Assert.Contains("column point has the custom type 'org.example.PointType'", tables["custom"].Reason);
        Assert.Contains("column points has the custom type 'org.example.PointType'", tables["custom_inside"].Reason);
        Assert.All(new[] { "future", "nested_future", "custom", "custom_inside" }, name => Assert.Contains("the table is not synced", tables[name].Reason));
        var entries = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(tables["t"], new TimeRange(Begin, Begin.AddDays(1)), CancellationToken.None)) entries.Add(entry);
        Assert.Equal(12, entries.Count);
    }
}
