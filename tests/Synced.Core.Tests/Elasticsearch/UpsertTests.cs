using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Xunit;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Upsert-if-newer in Compare mode (mget + optimistic concurrency), against the emulator.</summary>
public class UpsertTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TableInfo Users = EmulatedCluster.CassandraTable("users", ("name", "text"), ("age", "int"), ("score", "double"));

    private async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartAsync(ElasticsearchStoreOptions? options = null)
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        var store = await cluster.ConnectStoreAsync(options ?? new ElasticsearchStoreOptions { Index = "app" });
        var table = await store.CreateTableAsync(Users, CancellationToken.None);
        return (cluster, store, table);
    }

    private static Task<System.Collections.Generic.IReadOnlyList<UpsertOutcome>> UpsertAsync(ElasticsearchStore store, TableInfo table, params SyncEntry[] entries)
        => store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

    private static string Doc(Guid id, string tmstmp, string name) => $"{{\"id\":\"{id}\",\"tmstmp\":\"{tmstmp}\",\"name\":\"{name}\"}}";

    [Fact]
    public async Task An_absent_entry_is_created_with_its_values()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddTicks(1234567), ("name", "ann"), ("age", 33)));

        Assert.Equal(UpsertOutcomeKind.Written, Assert.Single(outcomes).Kind);
        var source = (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value;
        Assert.Equal(id.ToString(), source.GetProperty("id").GetString());
        Assert.Equal("2024-03-01T12:00:00.123Z", source.GetProperty("tmstmp").GetString());
        Assert.Equal("ann", source.GetProperty("name").GetString());
        Assert.Equal(33, source.GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task Entries_for_an_index_that_no_longer_exists_each_fail_saying_to_create_the_table()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var (status, _) = await cluster.SendAsync(EsMethod.DELETE, "/app-users");
        Assert.Equal(200, status);

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("name", "a")), EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("name", "b")));

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Failed, o.Kind));
        Assert.All(outcomes, o => Assert.Contains("index app-users does not exist; create the table first", o.Reason));
    }

    [Fact]
    public async Task Newer_is_written_older_and_equal_are_skipped_in_batch_order()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var newer = Guid.NewGuid();
        var older = Guid.NewGuid();
        var equal = Guid.NewGuid();
        await cluster.PutAsync("app-users", newer.ToString(), Doc(newer, "2024-03-01T12:00:00.100Z", "stored"));
        await cluster.PutAsync("app-users", older.ToString(), Doc(older, "2024-03-01T12:00:00.100Z", "stored"));
        await cluster.PutAsync("app-users", equal.ToString(), Doc(equal, "2024-03-01T12:00:00.100Z", "stored"));

        var outcomes = await UpsertAsync(store, table,
            EmulatedCluster.Entry("users", newer, T0.AddMilliseconds(101), ("name", "incoming")),
            EmulatedCluster.Entry("users", older, T0.AddMilliseconds(99), ("name", "incoming")),
            // Same millisecond, later ticks: Elasticsearch cannot tell them apart, so it is not newer.
            EmulatedCluster.Entry("users", equal, T0.AddMilliseconds(100).AddTicks(9999), ("name", "incoming")));

        Assert.Equal(new[] { newer, older, equal }, outcomes.Select(o => o.Id));
        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.SkippedNotNewer }, outcomes.Select(o => o.Kind));
        Assert.Equal("incoming", (await cluster.GetSourceAsync("app-users", newer.ToString()))!.Value.GetProperty("name").GetString());
        Assert.Equal("stored", (await cluster.GetSourceAsync("app-users", older.ToString()))!.Value.GetProperty("name").GetString());
        Assert.Equal("stored", (await cluster.GetSourceAsync("app-users", equal.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_stored_epoch_millis_tmstmp_is_compared_too()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), $"{{\"id\":\"{id}\",\"tmstmp\":1709294400200,\"name\":\"stored\"}}");

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(150), ("name", "incoming")));

        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, Assert.Single(outcomes).Kind);
    }

    [Fact]
    public async Task A_stored_document_without_tmstmp_is_left_alone_and_the_entry_fails()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), $"{{\"id\":\"{id}\",\"name\":\"foreign\"}}");

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0, ("name", "ours")));

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("tmstmp", outcomes[0].Reason);
        Assert.Equal("foreign", (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_dry_run_reports_would_write_and_writes_nothing()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var absent = Guid.NewGuid();
        var older = Guid.NewGuid();
        await cluster.PutAsync("app-users", older.ToString(), Doc(older, "2024-03-01T12:00:01.000Z", "stored"));

        var outcomes = await store.UpsertIfNewerAsync(table, new[]
        {
            EmulatedCluster.Entry("users", absent, T0),
            EmulatedCluster.Entry("users", older, T0),
        }, new UpsertContext { DryRun = true }, CancellationToken.None);

        Assert.Equal(new[] { UpsertOutcomeKind.WouldWrite, UpsertOutcomeKind.SkippedNotNewer }, outcomes.Select(o => o.Kind));
        Assert.Null(await cluster.GetSourceAsync("app-users", absent.ToString()));
    }

    [Fact]
    public async Task A_concurrent_newer_write_between_read_and_write_wins_after_a_reread()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "first"));
        var hookRuns = 0;
        store.CompareWriter.AfterReadHook = async (round, ct) =>
        {
            hookRuns++;
            if (round == 0) await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.900Z", "concurrent"));
        };

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(500), ("name", "ours")));

        // The if_seq_no write got 409, the re-read saw the concurrent newer version and kept it.
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, Assert.Single(outcomes).Kind);
        Assert.Equal(1, hookRuns);
        Assert.Equal("concurrent", (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_writer_that_lands_just_before_our_bulk_on_the_server_is_respected()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "first"));
        // The emulator runs the other writer when our _bulk arrives, after our _mget: a real race, no store seam.
        cluster.Emulator.Faults.BeforeRequest(r => r.IsEndpoint("_bulk"),
            _ => cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.700Z", "concurrent")));

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(500), ("name", "ours")));

        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, Assert.Single(outcomes).Kind);
        Assert.Equal("concurrent", (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_concurrent_older_write_is_overwritten_after_a_reread()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "first"));
        var rounds = 0;
        store.CompareWriter.AfterReadHook = async (round, ct) =>
        {
            rounds = round + 1;
            if (round == 0) await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.200Z", "concurrent"));
        };

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(500), ("name", "ours")));

        Assert.Equal(UpsertOutcomeKind.Written, Assert.Single(outcomes).Kind);
        Assert.Equal(2, rounds);
        Assert.Equal("ours", (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_create_that_loses_the_race_is_decided_again()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        store.CompareWriter.AfterReadHook = async (round, ct) =>
        {
            if (round == 0) await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "concurrent"));
        };

        var outcomes = await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(500), ("name", "ours")));

        Assert.Equal(UpsertOutcomeKind.Written, Assert.Single(outcomes).Kind);
        Assert.Equal("ours", (await cluster.GetSourceAsync("app-users", id.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_entry_changed_by_another_writer_on_every_attempt_fails_after_the_bounded_retries()
    {
        var (cluster, store, table) = await StartAsync(new ElasticsearchStoreOptions { Index = "app", MaxConflictRetries = 2 });
        await using var _ = cluster;
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "first"));
        var rounds = 0;
        store.CompareWriter.AfterReadHook = async (round, ct) =>
        {
            rounds++;
            // Always older than ours, but always a change: our if_seq_no never matches.
            await cluster.PutAsync("app-users", id.ToString(), Doc(id, "2024-03-01T12:00:00.100Z", "other" + round));
        };

        var outcomes = await UpsertAsync(store, table,
            EmulatedCluster.Entry("users", id, T0.AddMilliseconds(500)),
            EmulatedCluster.Entry("users", other, T0.AddMilliseconds(500)));

        Assert.Equal(3, rounds);
        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("another writer", outcomes[0].Reason);
        Assert.Equal(UpsertOutcomeKind.Written, outcomes[1].Kind);
    }

    [Fact]
    public async Task A_value_without_json_form_fails_only_its_entry()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var bad = Guid.NewGuid();
        var good = Guid.NewGuid();

        var outcomes = await UpsertAsync(store, table,
            EmulatedCluster.Entry("users", bad, T0, ("score", double.NaN)),
            EmulatedCluster.Entry("users", good, T0, ("score", 1.5)));

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("score", outcomes[0].Reason);
        Assert.Equal(UpsertOutcomeKind.Written, outcomes[1].Kind);
        Assert.Null(await cluster.GetSourceAsync("app-users", bad.ToString()));
    }

    [Fact]
    public async Task A_value_the_mapping_rejects_fails_with_elasticsearchs_reason()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var bad = Guid.NewGuid();
        var good = Guid.NewGuid();

        var outcomes = await UpsertAsync(store, table,
            EmulatedCluster.Entry("users", bad, T0, ("age", "not a number")),
            EmulatedCluster.Entry("users", good, T0, ("age", 5)));

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[0].Kind);
        Assert.Contains("mapper_parsing_exception", outcomes[0].Reason);
        Assert.Equal(UpsertOutcomeKind.Written, outcomes[1].Kind);
    }

    [Fact]
    public async Task Large_batches_are_split_into_bodies_bounded_in_bytes_and_count()
    {
        var (cluster, store, table) = await StartAsync(new ElasticsearchStoreOptions { Index = "app", MaxBulkBytes = 2048, MaxBulkDocuments = 4 });
        await using var _ = cluster;
        var entries = Enumerable.Range(0, 20).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i), ("name", new string('x', 300)))).ToArray();

        var outcomes = await UpsertAsync(store, table, entries);

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        // ~420 bytes per item: 4 fit under 2048 bytes, so the count limit and the byte limit both bite.
        Assert.True(store.Sender.BodiesSent >= 5, $"{store.Sender.BodiesSent} bodies");
        foreach (var entry in entries) Assert.NotNull(await cluster.GetSourceAsync("app-users", entry.Id.ToString()));
    }

    [Fact]
    public async Task Upserting_into_a_missing_index_fails_every_entry_with_the_reason()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });
        var ghost = new TableInfo("ghost", Array.Empty<ColumnInfo>());

        var outcomes = await UpsertAsync(store, ghost, EmulatedCluster.Entry("ghost", Guid.NewGuid(), T0));

        var outcome = Assert.Single(outcomes);
        Assert.Equal(UpsertOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("app-ghost", outcome.Reason);
    }

    [Fact]
    public async Task Written_entries_read_back_with_their_values()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var id = Guid.NewGuid();
        await UpsertAsync(store, table, EmulatedCluster.Entry("users", id, T0.AddMilliseconds(7), ("name", "zoe"), ("age", 30), ("score", 2.5)));

        var found = new System.Collections.Generic.List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, new global::Synced.Core.Time.TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) found.Add(entry);

        var read = Assert.Single(found);
        Assert.Equal(id, read.Id);
        Assert.Equal(T0.AddMilliseconds(7), read.Tmstmp);
        Assert.Equal("zoe", read.Fields["name"]);
        Assert.Equal(30L, read.Fields["age"]);
        Assert.Equal(2.5m, read.Fields["score"]);
    }

    private static System.Collections.Generic.List<string> RecordPaths(EmulatedCluster cluster)
    {
        var paths = new System.Collections.Generic.List<string>();
        cluster.Emulator.Faults.OnRequest = (r, _) =>
        {
            lock (paths) paths.Add(r.Path);
            return Task.CompletedTask;
        };
        return paths;
    }

    private static SyncEntry[] NewEntries(int count, DateTime at) =>
        Enumerable.Range(0, count).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), at, ("name", "n" + i))).ToArray();

    [Fact]
    public async Task After_a_batch_found_none_of_its_documents_the_next_is_created_without_reading_first()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var paths = RecordPaths(cluster);

        var first = await UpsertAsync(store, table, NewEntries(20, T0));
        var mgetsAfterFirst = paths.Count(p => p.EndsWith("_mget", StringComparison.Ordinal));
        var second = await UpsertAsync(store, table, NewEntries(20, T0));

        Assert.All(first.Concat(second), o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(1, mgetsAfterFirst);
        Assert.Equal(1, paths.Count(p => p.EndsWith("_mget", StringComparison.Ordinal)));
        Assert.Equal(2, paths.Count(p => p.EndsWith("_bulk", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_created_first_entry_whose_document_is_there_is_read_and_compared_like_any_other()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        await UpsertAsync(store, table, NewEntries(20, T0)); // found nothing: the next batch creates first
        var older = Guid.NewGuid();
        var newer = Guid.NewGuid();
        await cluster.PutAsync("app-users", older.ToString(), Doc(older, "2024-03-01T12:00:00.900Z", "stored newer"));
        await cluster.PutAsync("app-users", newer.ToString(), Doc(newer, "2024-03-01T12:00:00.100Z", "stored older"));
        var paths = RecordPaths(cluster);

        var outcomes = await UpsertAsync(store, table,
            EmulatedCluster.Entry("users", older, T0.AddMilliseconds(500), ("name", "ours, older")),
            EmulatedCluster.Entry("users", newer, T0.AddMilliseconds(500), ("name", "ours, newer")),
            EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("name", "absent")));

        Assert.Equal(new[] { UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.Written, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Equal("stored newer", (await cluster.GetSourceAsync("app-users", older.ToString()))!.Value.GetProperty("name").GetString());
        Assert.Equal("ours, newer", (await cluster.GetSourceAsync("app-users", newer.ToString()))!.Value.GetProperty("name").GetString());
        // The creates first, then the two that were there read and decided: one read, one more write.
        Assert.Equal(new[] { "_bulk", "_mget", "_bulk" }, paths.Where(p => p.EndsWith("_bulk", StringComparison.Ordinal) || p.EndsWith("_mget", StringComparison.Ordinal)).Select(p => p[(p.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task Batches_that_find_their_documents_present_go_back_to_reading_first()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        await UpsertAsync(store, table, NewEntries(20, T0)); // found nothing: creates first from now on
        var present = NewEntries(20, T0);
        foreach (var e in present) await cluster.PutAsync("app-users", e.Id.ToString(), Doc(e.Id, "2024-03-01T12:00:01.000Z", "stored"));
        var paths = RecordPaths(cluster);

        var outcomes = await UpsertAsync(store, table, present); // every create answered 409
        var afterConflicts = paths.Count;
        await UpsertAsync(store, table, present);

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, o.Kind));
        // The second batch reads first: one _mget and no _bulk (nothing newer to write).
        Assert.Equal(new[] { "_mget" }, paths.Skip(afterConflicts).Where(p => p.EndsWith("_bulk", StringComparison.Ordinal) || p.EndsWith("_mget", StringComparison.Ordinal)).Select(p => p[(p.LastIndexOf('/') + 1)..]));
    }

    [Fact]
    public async Task A_dry_run_never_creates_first()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        await UpsertAsync(store, table, NewEntries(20, T0));
        var paths = RecordPaths(cluster);

        var outcomes = await store.UpsertIfNewerAsync(table, NewEntries(20, T0), new UpsertContext { DryRun = true }, CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.WouldWrite, o.Kind));
        Assert.DoesNotContain(paths, p => p.EndsWith("_bulk", StringComparison.Ordinal));
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class UpsertTestsOnElasticsearch8 : UpsertTests
{
    protected override string Version => EmulatedCluster.Version8;
}
