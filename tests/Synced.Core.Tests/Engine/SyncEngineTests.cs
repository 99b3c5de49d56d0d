using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Tests.TestStores;
using Xunit;
using static Synced.Core.Tests.Engine.EngineFixture;

namespace Synced.Core.Tests.Engine;

public class SyncEngineTests
{
    private static Task<SyncResult> RunAsync(EngineFixture f, Action<SyncRequest>? configure = null, ISyncObserver? observer = null, CancellationToken token = default)
    {
        var request = new SyncRequest(Configuration);
        configure?.Invoke(request);
        return new SyncEngine().RunAsync(request, f.Cassandra, f.Elasticsearch, TableRanges.Same(SampleRange), null, observer, token);
    }

    [Fact]
    public async Task The_newest_of_several_versions_wins()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0, "first"));
        f.Cassandra.Put(Entry("users", id, T0.AddMinutes(2), "third"));
        f.Cassandra.Put(Entry("users", id, T0.AddMinutes(1), "second"));
        f.Elasticsearch.AddTable("users");

        var result = await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch);

        Assert.Equal("third", f.Elasticsearch.Newest("users", id)!.Fields["name"]);
        var table = Assert.Single(result.Tables);
        Assert.Equal(3, table.Read);
        Assert.Equal(1, table.Written);
        Assert.Equal(2, table.SkippedNotNewer);
        Assert.Equal(TableStatus.Synced, table.Status);
    }

    [Fact]
    public async Task The_way_back_skips_what_the_first_direction_left_equal_and_counts_it_as_not_newer()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        for (var i = 0; i < 40; i++) f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0.AddSeconds(i)));
        var fromElasticsearch = Guid.NewGuid();
        f.Elasticsearch.Put(Entry("users", fromElasticsearch, T0));

        var result = await RunAsync(f, p => p.BatchSize = 7);

        var back = result.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra);
        Assert.Equal(41, back.Read);
        Assert.Equal(40, back.AlreadySynced);
        Assert.Equal(40, back.SkippedNotNewer);
        Assert.Equal(1, back.Written);
        Assert.NotNull(f.Cassandra.Newest("users", fromElasticsearch));
        // Only the one entry that came from Elasticsearch needed an upsert into Cassandra.
        Assert.Equal(1, f.Cassandra.UpsertCalls);
    }

    [Fact]
    public async Task A_newer_version_on_the_target_is_never_skipped_as_already_synced()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0, "cassandra"));
        f.Elasticsearch.Put(Entry("users", id, T0.AddMinutes(1), "newer in elasticsearch"));

        var result = await RunAsync(f);

        Assert.Equal("newer in elasticsearch", f.Cassandra.Newest("users", id)!.Fields["name"]);
        Assert.Equal(0, result.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra).AlreadySynced);
    }

    [Fact]
    public async Task The_already_synced_set_stops_at_its_cap_and_the_rest_takes_the_usual_path()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        for (var i = 0; i < 100; i++) f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0.AddSeconds(i)));

        var result = await RunAsync(f, p => p.AlreadySyncedCapacity = 10);

        var back = result.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra);
        Assert.Equal(10, back.AlreadySynced);
        Assert.Equal(100, back.SkippedNotNewer);
        Assert.Equal(0, back.Written);
    }

    [Fact]
    public void The_already_synced_set_holds_at_most_its_capacity()
    {
        var set = new AlreadySyncedSet(1000);
        for (var i = 0; i < 100_000; i++) set.Add(i % 2 == 0 ? "users" : "orders", Guid.NewGuid(), T0.AddTicks(i));
        Assert.Equal(1000, set.Count);
        var id = Guid.NewGuid();
        Assert.False(set.Add("users", id, T0));
        Assert.False(set.Contains("users", id, T0));
    }

    [Fact]
    public void A_batch_added_to_the_already_synced_set_stops_at_its_capacity_and_counts_what_it_holds()
    {
        var set = new AlreadySyncedSet(150);
        var first = Enumerable.Range(0, 100).Select(i => (Guid.NewGuid(), T0.AddMilliseconds(i))).ToList();
        var second = Enumerable.Range(0, 100).Select(i => (Guid.NewGuid(), T0.AddMilliseconds(i))).ToList();

        Assert.Equal(100, set.AddAll("users", first));
        Assert.Equal(100, set.AddAll("users", first)); // held already: held, not counted again
        Assert.Equal(50, set.AddAll("users", second));

        Assert.Equal(150, set.Count);
        Assert.All(first, v => Assert.True(set.Contains("users", v.Item1, v.Item2)));
        Assert.Equal(50, second.Count(v => set.Contains("users", v.Item1, v.Item2)));
    }

    [Fact]
    public void A_frozen_already_synced_set_still_finds_what_it_holds_and_records_nothing_more()
    {
        var set = new AlreadySyncedSet(100);
        var id = Guid.NewGuid();
        Assert.True(set.Add("users", id, T0));

        set.Freeze();

        Assert.True(set.Contains("users", id, T0));
        Assert.False(set.Add("users", Guid.NewGuid(), T0));
        Assert.Equal(0, set.AddAll("users", new[] { (Guid.NewGuid(), T0) }));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void The_already_synced_set_finds_exactly_the_versions_it_holds()
    {
        var set = new AlreadySyncedSet(200_000);
        var held = Enumerable.Range(0, 100_000).Select(i => (Id: Guid.NewGuid(), At: T0.AddMilliseconds(i % 1000))).ToList();
        foreach (var (id, at) in held) Assert.True(set.Add("users", id, at));
        // Edge keys: the empty id and the first instant DateTime holds.
        var first = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.True(set.Add("users", Guid.Empty, first));

        Assert.Equal(100_001, set.Count);
        Assert.All(held, v => Assert.True(set.Contains("users", v.Id, v.At)));
        Assert.True(set.Contains("users", Guid.Empty, first));
        Assert.All(held.Take(1000), v => Assert.False(set.Contains("users", v.Id, v.At.AddMilliseconds(1))));
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.False(set.Contains("users", Guid.NewGuid(), T0)));
        Assert.False(set.Contains("users", Guid.Empty, first.AddMilliseconds(1)));
        Assert.True(set.Add("users", held[5].Id, held[5].At)); // held already: not counted again
        Assert.Equal(100_001, set.Count);
    }

    [Fact]
    public void The_already_synced_set_compares_at_milliseconds_and_by_table()
    {
        var set = new AlreadySyncedSet(10);
        var id = Guid.NewGuid();
        set.Add("Users", id, T0.AddTicks(1234));
        Assert.True(set.Contains("users", id, T0));
        Assert.False(set.Contains("users", id, T0.AddMilliseconds(1)));
        Assert.False(set.Contains("orders", id, T0));
    }

    [Fact]
    public async Task Versions_of_one_id_in_different_batches_still_end_with_the_newest()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        for (var i = 0; i < 25; i++) f.Cassandra.Put(Entry("users", id, T0.AddSeconds(i), "v" + i));
        f.Elasticsearch.AddTable("users");

        await RunAsync(f, p => { p.Direction = SyncDirection.CassandraToElasticsearch; p.BatchSize = 3; p.Parallelism = 1; });

        Assert.Equal("v24", f.Elasticsearch.Newest("users", id)!.Fields["name"]);
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one_on_either_side()
    {
        var f = new EngineFixture();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", a, T0, "old-in-cassandra"));
        f.Elasticsearch.Put(Entry("users", a, T0.AddMinutes(1), "new-in-es"));
        f.Cassandra.Put(Entry("users", b, T0.AddMinutes(1), "new-in-cassandra"));
        f.Elasticsearch.Put(Entry("users", b, T0, "old-in-es"));

        var result = await RunAsync(f);

        Assert.Equal("new-in-es", f.Elasticsearch.Newest("users", a)!.Fields["name"]);
        Assert.Equal("new-in-es", f.Cassandra.Newest("users", a)!.Fields["name"]);
        Assert.Equal("new-in-cassandra", f.Elasticsearch.Newest("users", b)!.Fields["name"]);
        Assert.Equal("new-in-cassandra", f.Cassandra.Newest("users", b)!.Fields["name"]);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task Equal_is_not_newer_at_the_common_millisecond_precision()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        // Cassandra holds 100 ns; the same version in Elasticsearch has only its milliseconds.
        f.Cassandra.Put(Entry("users", id, T0.AddTicks(1234), "cassandra"));
        f.Elasticsearch.Put(Entry("users", id, T0, "elasticsearch"));

        var result = await RunAsync(f);

        Assert.All(result.Tables, t => Assert.Equal(0, t.Written));
        Assert.All(result.Tables, t => Assert.Equal(1, t.SkippedNotNewer));
        Assert.Equal("elasticsearch", f.Elasticsearch.Newest("users", id)!.Fields["name"]);
        Assert.Equal(1, f.Cassandra.VersionCount("users", id));
    }

    [Fact]
    public async Task Both_directions_converge_whichever_side_syncs_first()
    {
        async Task<(string Cassandra, string Elasticsearch)> Converge(SyncDirection first, SyncDirection second)
        {
            var f = new EngineFixture();
            var id = Guid.NewGuid();
            f.Cassandra.Put(Entry("users", id, T0, "c1"));
            f.Cassandra.Put(Entry("users", id, T0.AddSeconds(3), "c2"));
            f.Elasticsearch.Put(Entry("users", id, T0.AddSeconds(2), "e1"));
            await RunAsync(f, p => p.Direction = first);
            await RunAsync(f, p => p.Direction = second);
            return ((string)f.Cassandra.Newest("users", id)!.Fields["name"]!, (string)f.Elasticsearch.Newest("users", id)!.Fields["name"]!);
        }

        Assert.Equal(("c2", "c2"), await Converge(SyncDirection.CassandraToElasticsearch, SyncDirection.ElasticsearchToCassandra));
        Assert.Equal(("c2", "c2"), await Converge(SyncDirection.ElasticsearchToCassandra, SyncDirection.CassandraToElasticsearch));
    }

    [Fact]
    public async Task Cassandra_to_elasticsearch_runs_before_the_way_back()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.Elasticsearch.Put(Entry("users", Guid.NewGuid(), T0));
        var result = await RunAsync(f);
        Assert.Equal(new[] { SyncDirection.CassandraToElasticsearch, SyncDirection.ElasticsearchToCassandra }, result.Tables.Select(t => t.Direction));
    }

    [Fact]
    public async Task Entries_outside_the_range_are_left_alone()
    {
        var f = new EngineFixture();
        var before = Guid.NewGuid();
        var atEnd = Guid.NewGuid();
        var atBegin = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", before, SampleRange.Begin.AddTicks(-1)));
        f.Cassandra.Put(Entry("users", atEnd, SampleRange.End));
        f.Cassandra.Put(Entry("users", atBegin, SampleRange.Begin));
        f.Elasticsearch.AddTable("users");

        await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch);

        Assert.Null(f.Elasticsearch.Newest("users", before));
        Assert.Null(f.Elasticsearch.Newest("users", atEnd));
        Assert.NotNull(f.Elasticsearch.Newest("users", atBegin));
    }

    [Fact]
    public async Task A_failed_entry_is_reported_with_table_id_direction_and_reason_and_the_rest_of_its_batch_is_written()
    {
        var f = new EngineFixture();
        var bad = Guid.NewGuid();
        var good = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", bad, T0));
        f.Cassandra.Put(Entry("users", good, T0));
        f.Elasticsearch.AddTable("users");
        f.Elasticsearch.FailWhen = e => e.Id == bad ? "mapper_parsing_exception: failed to parse field [age]" : null;
        var observer = new RecordingObserver();

        var result = await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch, observer);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(("users", bad, SyncDirection.CassandraToElasticsearch), (failure.Table, failure.Id, failure.Direction));
        Assert.Contains("mapper_parsing_exception", failure.Reason);
        Assert.Single(observer.Failures);
        Assert.NotNull(f.Elasticsearch.Newest("users", good));
        Assert.False(result.Complete);
        Assert.Equal(TableStatus.Incomplete, result.Tables[0].Status);
    }

    [Fact]
    public async Task An_entry_the_source_cannot_read_is_reported_as_failed_and_the_rest_of_the_table_syncs()
    {
        var f = new EngineFixture();
        var good = Guid.NewGuid();
        f.Elasticsearch.Put(Entry("users", good, T0));
        f.Elasticsearch.Unreadable.Add(SyncEntry.Unreadable("users", "app-users/not-a-uuid", T0, "it has no UUID id"));
        f.Cassandra.AddTable("users");
        var observer = new RecordingObserver();

        var result = await RunAsync(f, p => p.Direction = SyncDirection.ElasticsearchToCassandra, observer);

        var table = Assert.Single(result.Tables);
        Assert.Equal((2L, 1L, 1L), (table.Read, table.Written, table.Failed));
        Assert.Equal(TableStatus.Incomplete, table.Status);
        var failure = Assert.Single(observer.Failures);
        Assert.Contains("app-users/not-a-uuid", failure.Reason);
        Assert.Contains("no UUID id", failure.Reason);
        Assert.False(result.Complete);
        Assert.NotNull(f.Cassandra.Newest("users", good));
    }

    [Fact]
    public async Task A_table_that_breaks_the_contract_is_skipped_with_its_reason_and_the_run_goes_on()
    {
        var f = new EngineFixture();
        f.Cassandra.BreakContract("legacy", "it has no tmstmp column");
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.Elasticsearch.AddTable("users").AddTable("legacy");
        var observer = new RecordingObserver();

        var result = await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch, observer);

        var legacy = result.Tables.Single(t => t.Table == "legacy");
        Assert.Equal(TableStatus.Ignored, legacy.Status);
        Assert.Contains("no tmstmp column", legacy.Message);
        Assert.Contains(observer.Skipped, s => s.Contains("legacy"));
        Assert.Equal(1, result.Tables.Single(t => t.Table == "users").Written);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task A_table_missing_in_the_target_is_skipped_unless_create_missing_is_given()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("orders", Guid.NewGuid(), T0));

        var skipped = await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch);
        Assert.Equal(TableStatus.Unmatched, skipped.Tables[0].Status);
        Assert.False(skipped.Complete);
        Assert.Contains("create it from Cassandra's table", skipped.Tables[0].Message);
        Assert.False(f.Elasticsearch.HasTable("orders"));

        var created = await RunAsync(f, p => { p.Direction = SyncDirection.CassandraToElasticsearch; p.CreateMissing = true; });
        Assert.True(created.Tables[0].Created);
        Assert.Equal(1, created.Tables[0].Written);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_reports_what_would_be_written()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.Cassandra.Put(Entry("orders", Guid.NewGuid(), T0));
        f.Elasticsearch.AddTable("users");

        var result = await RunAsync(f, p => { p.DryRun = true; p.CreateMissing = true; p.Direction = SyncDirection.CassandraToElasticsearch; });

        Assert.Null(f.Elasticsearch.Newest("users", id));
        Assert.False(f.Elasticsearch.HasTable("orders"));
        Assert.All(result.Tables, t => Assert.Equal(1, t.WouldWrite));
        Assert.All(result.Tables, t => Assert.Equal(0, t.Written));
    }

    [Fact]
    public async Task Table_selection_with_wildcards_and_exclusions_is_honoured()
    {
        var f = new EngineFixture();
        foreach (var table in new[] { "users", "user_audit", "orders" })
        {
            f.Cassandra.Put(Entry(table, Guid.NewGuid(), T0));
            f.Elasticsearch.AddTable(table);
        }

        var result = await RunAsync(f, p => { p.Direction = SyncDirection.CassandraToElasticsearch; p.Tables = new TableSelection(new[] { "user*" }, new[] { "*audit" }); });

        Assert.Equal(new[] { "users" }, result.Tables.Select(t => t.Table));
    }

    [Fact]
    public async Task A_store_error_fails_that_table_and_the_run_goes_on_with_the_next()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("a_table", Guid.NewGuid(), T0));
        f.Cassandra.Put(Entry("b_table", Guid.NewGuid(), T0));
        f.Elasticsearch.AddTable("a_table").AddTable("b_table");
        f.Cassandra.OnRead = e => { if (e.Table == "a_table") throw new InvalidOperationException("connection to 10.0.0.1:9042 lost"); };
        var observer = new RecordingObserver();

        var result = await RunAsync(f, p => p.Direction = SyncDirection.CassandraToElasticsearch, observer);

        Assert.Equal(TableStatus.Failed, result.Tables[0].Status);
        Assert.Contains("connection to 10.0.0.1:9042 lost", result.Tables[0].Message);
        Assert.Equal(TableStatus.Synced, result.Tables[1].Status);
        Assert.False(result.Complete);
        Assert.Single(observer.TableFailures);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_promptly()
    {
        var f = new EngineFixture();
        for (var i = 0; i < 100; i++) f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0.AddSeconds(i)));
        f.Elasticsearch.AddTable("users");
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        f.Cassandra.OnRead = _ => { if (++seen == 10) cancellation.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(f, p => { p.BatchSize = 5; }, token: cancellation.Token));
        Assert.True(seen <= 11);
    }

    [Fact]
    public async Task Memory_stays_bounded_while_streaming_a_million_entries()
    {
        const int batchSize = 1000;
        const int parallelism = 4;
        var source = new GeneratedStore("source", 1_000_000);
        var target = new GeneratedStore("target", 0) { Source = source };
        var request = new SyncRequest(Configuration) { Direction = SyncDirection.CassandraToElasticsearch, BatchSize = batchSize, Parallelism = parallelism };

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var result = await new SyncEngine().RunAsync(request, source, target, TableRanges.Same(SampleRange), null, null, CancellationToken.None);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(1_000_000, result.Tables[0].Written);
        Assert.Equal(1_000_000, target.Received);
        // Entries alive at once: the batches in flight plus the one being filled, whatever the table size.
        Assert.InRange(source.MaxOutstanding, 1, batchSize * (parallelism + 1));
        Assert.InRange(after - before, long.MinValue, 16 * 1024 * 1024);
    }

    [Fact]
    public async Task Plans_outside_the_limits_are_refused()
    {
        var f = new EngineFixture();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RunAsync(f, p => p.BatchSize = 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RunAsync(f, p => p.Parallelism = 0));
    }

    internal sealed class RecordingObserver : ISyncObserver
    {
        public List<string> Phases { get; } = new();
        public List<string> Warnings { get; } = new();
        public List<string> Skipped { get; } = new();
        public List<EntryFailure> Failures { get; } = new();
        public List<string> TableFailures { get; } = new();
        public int ProgressReports;

        public void OnPhase(string message) { lock (Phases) Phases.Add(message); }
        public void OnWarning(string message) { lock (Warnings) Warnings.Add(message); }
        public void OnTableSkipped(TableResult table) { lock (Skipped) Skipped.Add($"{table.Table}: {table.Message}"); }
        public void OnProgress(SyncProgress progress) => Interlocked.Increment(ref ProgressReports);
        public void OnEntryFailed(EntryFailure failure) { lock (Failures) Failures.Add(failure); }
        public void OnTableFailed(TableResult table) { lock (TableFailures) TableFailures.Add($"{table.Table}: {table.Message}"); }
    }
}
