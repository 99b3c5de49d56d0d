using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class UpsertTests
{
    private static readonly DateTime T0 = new(2015, 1, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static SyncEntry Entry(Guid id, DateTime at, string name = "v", string table = "t")
        => new(table, id, at, new Dictionary<string, object?> { ["name"] = name });

    private static async Task StoreVersionAsync(CassandraNode node, Guid id, DateTime at, string name = "stored")
    {
        var node6 = Guid.NewGuid().ToByteArray().Take(6).ToArray();
        await node.Admin.ExecuteAsync("INSERT INTO ks.t (id, tmstmp, name) VALUES (?, ?, ?)", id, TimeUuid.FromUnixTicks(at.Ticks - UnixEpochTicks, node6, 42), name);
    }

    private static async Task<string?> NewestNameAsync(CassandraNode node, Guid id)
    {
        await foreach (var row in node.Admin.QueryAsync("SELECT name FROM ks.t WHERE id = ? ORDER BY tmstmp DESC LIMIT 1", id))
            return row.GetString(0);
        return null;
    }

    [Fact]
    public async Task Newer_entries_are_inserted_as_new_versions_and_older_or_equal_ones_skipped()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (absent, older, equal, newer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { older, equal, newer }) await StoreVersionAsync(node, id, T0);

        var outcomes = await node.UpsertAsync(table, new[]
        {
            Entry(absent, T0, "absent"),
            Entry(older, T0.AddMilliseconds(-1), "older"),
            Entry(equal, T0, "equal"),
            Entry(newer, T0.AddMilliseconds(1), "newer"),
        });

        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.Written },
            outcomes.Select(o => o.Kind));
        Assert.Equal(new[] { absent, older, equal, newer }, outcomes.Select(o => o.Id));
        Assert.Equal("absent", await NewestNameAsync(node, absent));
        Assert.Equal("stored", await NewestNameAsync(node, older));
        Assert.Equal("stored", await NewestNameAsync(node, equal));
        Assert.Equal("newer", await NewestNameAsync(node, newer));
        var versions = await node.VersionsAsync("t");
        Assert.Equal(2, versions.Count(v => v.Id == newer));
        Assert.Equal(1, versions.Count(v => v.Id == older));
    }

    [Fact]
    public async Task A_millisecond_source_compares_at_milliseconds_so_a_stored_sub_millisecond_version_is_equal()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var id = Guid.NewGuid();
        await StoreVersionAsync(node, id, T0.AddTicks(5_000)); // T0 + 0.5 ms

        var fromElasticsearch = await node.UpsertAsync(table, new[] { Entry(id, T0) }, TimestampPrecision.Milliseconds);
        var fromTicksOlder = await node.UpsertAsync(table, new[] { Entry(id, T0.AddTicks(4_999)) }, TimestampPrecision.Ticks);
        var fromTicksNewer = await node.UpsertAsync(table, new[] { Entry(id, T0.AddTicks(5_001), "newer") }, TimestampPrecision.Ticks);

        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, fromElasticsearch[0].Kind);
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, fromTicksOlder[0].Kind);
        Assert.Equal(UpsertOutcomeKind.Written, fromTicksNewer[0].Kind);
        var written = (await node.VersionsAsync("t")).Select(v => TimeUuid.GetUnixTicks(v.Tmstmp) + UnixEpochTicks).Max();
        Assert.Equal(T0.AddTicks(5_001).Ticks, written); // a ticks source keeps its exact tick
    }

    [Fact]
    public async Task The_same_version_written_twice_even_concurrently_leaves_one_row()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var id = Guid.NewGuid();
        var version = Entry(id, T0.AddMilliseconds(123));

        // Both compare before either writes, so both insert: the deterministic timeuuid makes it one row.
        var concurrent = await Task.WhenAll(node.UpsertAsync(table, new[] { version }), node.UpsertAsync(table, new[] { version }));
        var again = await node.UpsertAsync(table, new[] { version });

        Assert.All(concurrent, o => Assert.NotEqual(UpsertOutcomeKind.Failed, o[0].Kind));
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, again[0].Kind);
        var rows = await node.VersionsAsync("t");
        var row = Assert.Single(rows);
        Assert.Equal(T0.AddMilliseconds(123).Ticks, TimeUuid.GetUnixTicks(row.Tmstmp) + UnixEpochTicks);
        Assert.Equal(1, TimeUuid.GetVersion(row.Tmstmp));
    }

    [Fact]
    public void The_version_timeuuid_depends_only_on_id_and_instant()
    {
        var id = Guid.NewGuid();
        Assert.Equal(EntryTime.ForVersion(id, T0), EntryTime.ForVersion(id, T0));
        Assert.NotEqual(EntryTime.ForVersion(id, T0), EntryTime.ForVersion(Guid.NewGuid(), T0));
        Assert.NotEqual(EntryTime.ForVersion(id, T0), EntryTime.ForVersion(id, T0.AddTicks(1)));
        Assert.Equal(T0, EntryTime.FromTimeUuid(EntryTime.ForVersion(id, T0)));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_written_and_writes_nothing()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        var (absent, stored) = (Guid.NewGuid(), Guid.NewGuid());
        await StoreVersionAsync(node, stored, T0);

        var outcomes = await node.UpsertAsync(table, new[] { Entry(absent, T0), Entry(stored, T0.AddSeconds(-1)) }, dryRun: true);

        Assert.Equal(new[] { UpsertOutcomeKind.WouldWrite, UpsertOutcomeKind.SkippedNotNewer }, outcomes.Select(o => o.Kind));
        Assert.Single(await node.VersionsAsync("t"));
    }

    [Fact]
    public async Task Entries_that_cannot_be_converted_fail_with_table_id_field_and_type_and_the_rest_is_written()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t", "name text, n int, at timestamp");
        var table = await node.TableAsync("t");
        var (tooBig, unknownField, badTime, good) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var outcomes = await node.UpsertAsync(table, new[]
        {
            new SyncEntry("t", tooBig, T0, new Dictionary<string, object?> { ["n"] = 3_000_000_000L }),
            new SyncEntry("t", unknownField, T0, new Dictionary<string, object?> { ["name"] = "x", ["colour"] = "red" }),
            new SyncEntry("t", badTime, T0, new Dictionary<string, object?> { ["at"] = "yesterday" }),
            new SyncEntry("t", good, T0, new Dictionary<string, object?> { ["name"] = "ok", ["n"] = 7L, ["at"] = "2015-01-02T03:04:05.678Z" }),
        });

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("ks.t", outcomes[0].Reason);
        Assert.Contains(tooBig.ToString(), outcomes[0].Reason);
        Assert.Contains("field 'n' (int)", outcomes[0].Reason);
        Assert.Contains("3000000000", outcomes[0].Reason);
        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[1].Kind);
        Assert.Contains($"table ks.t, id {unknownField}: field 'colour' has no column in ks.t", outcomes[1].Reason);
        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[2].Kind);
        Assert.Contains($"id {badTime}: field 'at' (timestamp): 'yesterday' cannot be held by timestamp", outcomes[2].Reason);
        Assert.Equal(UpsertOutcomeKind.Written, outcomes[3].Kind);
        var rows = await node.VersionsAsync("t");
        Assert.Equal(new[] { good }, rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Entries_of_a_shared_layout_are_written_skip_the_contract_names_and_fail_alone_on_a_field_without_a_column()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t", "name text, n int");
        var table = await node.TableAsync("t");
        var layout = new FieldLayout(new[] { "name", "id", "n" });
        var unknown = new FieldLayout(new[] { "name", "colour" });
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var outcomes = await node.UpsertAsync(table, new[]
        {
            new SyncEntry("t", a, T0, new EntryFields(layout, new object?[] { "a", Guid.NewGuid(), 1L })),
            new SyncEntry("t", b, T0, new EntryFields(unknown, new object?[] { "b", "red" })),
            new SyncEntry("t", c, T0, new EntryFields(layout, new object?[] { "c", Guid.NewGuid(), 3L })),
        });

        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains($"table ks.t, id {b}: field 'colour' has no column in ks.t", outcomes[1].Reason);
        var stored = await node.Store.ReadNewestEntriesAsync(table, new[] { a, c }, System.Threading.CancellationToken.None);
        Assert.Equal(("a", 1), ((string?)stored[0]!.Fields["name"], (int?)stored[0]!.Fields["n"]));
        Assert.Equal(("c", 3), ((string?)stored[1]!.Fields["name"], (int?)stored[1]!.Fields["n"]));
    }

    [Fact]
    public async Task Columns_without_a_field_stay_null()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t", "name text, n int");
        var table = await node.TableAsync("t");
        var id = Guid.NewGuid();

        await node.UpsertAsync(table, new[] { new SyncEntry("t", id, T0, new Dictionary<string, object?> { ["n"] = 5L }) });

        await foreach (var row in node.Admin.QueryAsync("SELECT name, n FROM ks.t WHERE id = ?", id))
        {
            Assert.True(row.IsNull(0));
            Assert.Equal(5, row.GetInt32(1));
        }
    }

    [Fact]
    public async Task A_table_dropped_meanwhile_fails_every_entry_of_the_batch_with_the_reason()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        await node.Admin.ExecuteAsync("DROP TABLE ks.t");

        var outcomes = await node.UpsertAsync(table, new[] { Entry(Guid.NewGuid(), T0), Entry(Guid.NewGuid(), T0) });

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Failed, o.Kind));
        Assert.All(outcomes, o => Assert.Contains("ks.t", o.Reason));
    }
}
