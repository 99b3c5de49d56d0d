using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Tests.Checkpoints;
using Synced.Core.Time;
using Xunit;
using static Synced.Core.Tests.Engine.EngineFixture;

namespace Synced.Core.Tests.Engine;

public sealed class SyncRunnerTests : IDisposable
{
    private static readonly DateTime Now = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _state = new();
    private readonly CheckpointStore _checkpoints;
    private readonly SyncConfiguration _configuration = new("app", "app");
    private DateTime _clock = Now;

    public SyncRunnerTests() => _checkpoints = new CheckpointStore(_state.Path);

    public void Dispose() => _state.Dispose();

    private SyncRunner Runner() => new(_checkpoints, () => _clock);

    private static WatermarkKey ToEs(string table) => new(table, SyncDirection.CassandraToElasticsearch);

    private static WatermarkKey ToCassandra(string table) => new(table, SyncDirection.ElasticsearchToCassandra);

    private DateTime? Watermark(WatermarkKey key) => _checkpoints.TryRead(_configuration)?.WatermarkFor(key);

    private void SetAllWatermarks(DateTime end) => _checkpoints.Write(Checkpoint.ForAllTables(_configuration, end, Now));

    private Task<SyncResult> RunAsync(EngineFixture f, Action<SyncRequest>? configure = null, CancellationToken token = default)
    {
        var request = new SyncRequest(_configuration);
        configure?.Invoke(request);
        return Runner().RunAsync(request, f.Cassandra, f.Elasticsearch, null, token);
    }

    [Fact]
    public async Task A_first_run_syncs_from_the_epoch_and_sets_each_watermark_to_its_start()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.AddTable("users");

        var result = await RunAsync(f);

        Assert.Equal(UtcTime.Epoch, result.Begin);
        Assert.Equal(Now, result.End);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.True(result.CheckpointAdvanced);
        var checkpoint = _checkpoints.TryRead(_configuration)!;
        Assert.Equal(Now, checkpoint.End);
        Assert.Equal(new[] { ToEs("users"), ToCassandra("users") }.OrderBy(k => k.ToString()), checkpoint.Watermarks.Keys.OrderBy(k => k.ToString()));
        Assert.Equal("Succeeded", checkpoint.LastRun!.Status);
        Assert.Equal(1, checkpoint.LastRun.Written);
        Assert.Equal(Now, checkpoint.LastRun.LastSuccessAt);
    }

    [Fact]
    public async Task The_next_default_run_starts_each_table_at_its_watermark_minus_the_overlap()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        await RunAsync(f);
        _clock = Now.AddHours(1);

        var second = await RunAsync(f);

        Assert.Equal(Now - RangeResolver.DefaultOverlap, second.Begin);
        Assert.Equal(RangeSource.Checkpoint, second.BeginSource);
        Assert.All(second.Tables, t => Assert.Equal(Now - RangeResolver.DefaultOverlap, t.Range!.Value.Begin));
        Assert.Equal(Now.AddHours(1), _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public void The_default_overlap_covers_realistic_visibility_lag()
        => Assert.True(RangeResolver.DefaultOverlap >= TimeSpan.FromMinutes(2));

    [Fact]
    public async Task A_table_that_joins_later_syncs_from_its_beginning_whatever_the_other_watermarks_are()
    {
        // Issue: a new table with day-old rows was never synced, because the run began at the configuration's checkpoint.
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), Now.AddDays(-30)));
        f.AddTable("users");
        await RunAsync(f);

        var old = Guid.NewGuid();
        f.Cassandra.Put(Entry("products", old, Now.AddDays(-1)));
        f.AddTable("products");
        _clock = Now.AddDays(1);
        var second = await RunAsync(f);

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.NotNull(f.Elasticsearch.Newest("products", old));
        var products = second.Tables.Single(t => t.Table == "products" && t.Direction == SyncDirection.CassandraToElasticsearch);
        Assert.Equal(UtcTime.Epoch, products.Range!.Value.Begin);
        Assert.Null(products.WatermarkBefore);
        Assert.Equal(Now.AddDays(1), Watermark(ToEs("products")));
    }

    [Fact]
    public async Task A_table_without_a_counterpart_makes_the_run_incomplete_keeps_its_watermark_and_says_what_to_do()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.AddTable("users");
        await RunAsync(f);
        var productId = Guid.NewGuid();
        f.Cassandra.Put(Entry("products", productId, Now.AddDays(-1)));
        _clock = Now.AddHours(1);

        var second = await RunAsync(f);

        Assert.Equal(RunStatus.Incomplete, second.Status);
        var problem = Assert.Single(second.Problems);
        Assert.Contains("products", problem.Message);
        Assert.Contains("create it from Cassandra's table, or leave the table out", problem.Message);
        Assert.Equal(("products", TableStatus.Unmatched), (problem.Table!.Table, problem.Table.Status));
        Assert.Null(Watermark(ToEs("products")));
        Assert.Equal(Now.AddHours(1), Watermark(ToEs("users")));

        // Created later (by -CreateMissing): its history still arrives, from the beginning.
        _clock = Now.AddHours(2);
        var third = await RunAsync(f, r => r.CreateMissing = true);
        Assert.Equal(RunStatus.Succeeded, third.Status);
        Assert.NotNull(f.Elasticsearch.Newest("products", productId));
    }

    [Fact]
    public async Task A_table_that_breaks_the_contract_is_ignored_and_does_not_change_the_status()
    {
        var f = new EngineFixture();
        f.Cassandra.BreakContract("legacy", "it has no tmstmp column");
        f.Elasticsearch.AddTable("legacy");

        var result = await RunAsync(f, r => r.Direction = SyncDirection.CassandraToElasticsearch);

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(TableStatus.Ignored, Assert.Single(result.Tables).Status);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("nosuchtable")]
    [InlineData("zz*")]
    public async Task A_table_pattern_that_matches_nothing_is_an_error_before_anything_runs(string pattern)
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.Elasticsearch.AddTable("orders");

        var error = await Assert.ThrowsAsync<TableNotFoundException>(() => RunAsync(f, r => r.Tables = new TableSelection(new[] { "users", pattern }, null)));

        Assert.Equal(new[] { pattern }, error.Patterns);
        Assert.Contains("orders, users", error.Message);
        Assert.Equal(0, f.Elasticsearch.UpsertCalls);
        Assert.Null(_checkpoints.TryRead(_configuration));
    }

    [Fact]
    public async Task Exclusions_that_leave_nothing_are_an_error_too()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        await Assert.ThrowsAsync<TableNotFoundException>(() => RunAsync(f, r => r.Tables = new TableSelection(new[] { "users" }, new[] { "u*" })));
    }

    [Fact]
    public async Task Excluding_a_table_later_keeps_the_other_watermarks_so_nothing_is_rescanned()
    {
        var f = new EngineFixture();
        f.AddTable("users").AddTable("audit");
        await RunAsync(f);
        _clock = Now.AddHours(1);

        var second = await RunAsync(f, r => r.Tables = new TableSelection(null, new[] { "audit" }));

        var users = second.Tables.Where(t => t.Table == "users").ToList();
        Assert.All(users, t => Assert.Equal(Now - RangeResolver.DefaultOverlap, t.Range!.Value.Begin));
        Assert.DoesNotContain(second.Tables, t => t.Table == "audit");
        Assert.Equal(Now.AddHours(1), Watermark(ToEs("users")));
        Assert.Equal(Now, Watermark(ToEs("audit")));
        Assert.Equal(Now, _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task One_direction_moves_only_its_own_watermarks()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        await RunAsync(f);
        _clock = Now.AddHours(1);

        await RunAsync(f, r => r.Direction = SyncDirection.CassandraToElasticsearch);

        Assert.Equal(Now.AddHours(1), Watermark(ToEs("users")));
        Assert.Equal(Now, Watermark(ToCassandra("users")));
    }

    [Fact]
    public async Task An_explicit_range_after_the_watermark_leaves_it_alone_and_says_so()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        SetAllWatermarks(SampleRange.Begin.AddDays(-10));

        var result = await RunAsync(f, r => { r.Begin = SampleRange.Begin; r.End = SampleRange.End; });

        Assert.False(result.CheckpointAdvanced);
        Assert.Contains("gap", result.CheckpointNote);
        Assert.Equal(SampleRange.Begin.AddDays(-10), Watermark(ToEs("users")));
    }

    [Fact]
    public async Task An_explicit_range_without_a_checkpoint_creates_none()
    {
        // The original README's first example: -Begin 1420070400 -End 1422748800.
        var f = new EngineFixture();
        f.AddTable("users");
        var result = await RunAsync(f, r => { r.Begin = TimeInput.ToUtc(1420070400, "Begin"); r.End = TimeInput.ToUtc(1422748800, "End"); });
        Assert.False(result.CheckpointAdvanced);
        Assert.Null(_checkpoints.TryRead(_configuration));
    }

    [Fact]
    public async Task An_explicit_range_covering_the_watermark_advances_it()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        SetAllWatermarks(SampleRange.Begin.AddDays(1));
        var result = await RunAsync(f, r => { r.Begin = SampleRange.Begin; r.End = SampleRange.End; });
        Assert.True(result.CheckpointAdvanced);
        Assert.Equal(SampleRange.End, _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task A_run_for_one_configuration_does_not_disturb_another()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        var other = new SyncConfiguration("app", "app-archive");
        _checkpoints.Write(Checkpoint.ForAllTables(other, SampleRange.Begin, Now));

        await RunAsync(f);

        Assert.Equal(SampleRange.Begin, _checkpoints.TryRead(other)!.End);
    }

    [Fact]
    public async Task A_run_with_a_failed_entry_keeps_that_watermark_moves_the_others_and_the_next_run_syncs_it_once_fixed()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.AddTable("users");
        SetAllWatermarks(T0.AddDays(-1));
        f.Elasticsearch.FailWhen = _ => "es_rejected_execution_exception";

        var failed = await RunAsync(f);

        Assert.Equal(RunStatus.Incomplete, failed.Status);
        Assert.Equal(T0.AddDays(-1), Watermark(ToEs("users")));
        Assert.Equal(Now, Watermark(ToCassandra("users")));
        var kept = _checkpoints.TryRead(_configuration)!;
        Assert.Equal("Incomplete", kept.LastRun!.Status);
        Assert.Equal(1, kept.LastRun.Failed);
        Assert.Equal(1, kept.LastRun.ConsecutiveFailures);
        Assert.Contains("1 entry could not be synced", Assert.Single(failed.Problems).Message);
        Assert.Contains("users (Cassandra -> Elasticsearch)", failed.CheckpointNote);

        f.Elasticsearch.FailWhen = null;
        _clock = Now.AddMinutes(5);
        var retried = await RunAsync(f);

        Assert.Equal(RunStatus.Succeeded, retried.Status);
        Assert.NotNull(f.Elasticsearch.Newest("users", id));
        Assert.Equal(Now.AddMinutes(5), _checkpoints.TryRead(_configuration)!.End);
        Assert.Equal(0, _checkpoints.TryRead(_configuration)!.LastRun!.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_cancelled_run_keeps_the_watermarks_of_what_did_not_finish_and_releases_the_lock()
    {
        var f = new EngineFixture();
        for (var i = 0; i < 50; i++) f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0.AddSeconds(i)));
        f.AddTable("users");
        SetAllWatermarks(T0.AddDays(-1));
        using var cancellation = new CancellationTokenSource();
        f.Cassandra.OnRead = _ => cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(f, token: cancellation.Token));

        Assert.Equal(T0.AddDays(-1), Watermark(ToEs("users")));
        Assert.Equal(T0.AddDays(-1), Watermark(ToCassandra("users")));
        using var again = _checkpoints.AcquireLock(_configuration);
    }

    [Fact]
    public async Task A_cancelled_run_keeps_the_watermarks_of_tables_that_finished_before_the_stop()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("a_first", Guid.NewGuid(), T0));
        f.Cassandra.Put(Entry("b_second", Guid.NewGuid(), T0));
        f.AddTable("a_first").AddTable("b_second");
        using var cancellation = new CancellationTokenSource();
        f.Cassandra.OnRead = e => { if (e.Table == "b_second") cancellation.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(f, token: cancellation.Token));

        Assert.Equal(Now, Watermark(ToEs("a_first")));
        Assert.Null(Watermark(ToEs("b_second")));
        Assert.Equal("Stopped", _checkpoints.TryRead(_configuration)!.LastRun!.Status);
    }

    [Fact]
    public async Task A_dry_run_writes_neither_entries_nor_the_checkpoint()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.AddTable("users");

        var result = await RunAsync(f, r => r.DryRun = true);

        Assert.Equal(RunStatus.WhatIf, result.Status);
        Assert.Null(f.Elasticsearch.Newest("users", id));
        Assert.Null(_checkpoints.TryRead(_configuration));
        Assert.False(System.IO.Directory.Exists(_state.Path) && System.IO.Directory.GetFiles(_state.Path).Length > 0);
    }

    [Fact]
    public async Task No_checkpoint_neither_reads_nor_writes_it()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        SetAllWatermarks(Now.AddDays(-1));

        var result = await RunAsync(f, r => r.NoCheckpoint = true);

        Assert.Equal(UtcTime.Epoch, result.Begin);
        Assert.Equal(Now.AddDays(-1), _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task A_second_run_of_the_same_configuration_is_refused_while_one_runs()
    {
        var f = new EngineFixture();
        using var held = _checkpoints.AcquireLock(_configuration);
        await Assert.ThrowsAsync<CheckpointLockedException>(() => RunAsync(f));
    }

    [Fact]
    public async Task A_corrupt_checkpoint_stops_the_run_before_anything_is_written()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.AddTable("users");
        System.IO.Directory.CreateDirectory(_state.Path);
        System.IO.File.WriteAllText(_checkpoints.PathFor(_configuration), "{ broken");

        await Assert.ThrowsAsync<CheckpointCorruptException>(() => RunAsync(f));
        Assert.Null(f.Elasticsearch.Newest("users", id));
    }

    [Fact]
    public async Task The_range_end_is_captured_once_at_microsecond_precision()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        _clock = Now.AddTicks(1234567);
        var result = await RunAsync(f);
        Assert.Equal(Now.AddTicks(1234560), result.End);
        Assert.Equal(result.End, _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task A_baseline_becomes_the_own_watermark_of_every_table_known_at_the_next_run()
    {
        // A first-format checkpoint (or Set-SyncedCheckpoint before any run) says "everything before T":
        // tables that exist at the next run get T; a table that appears after that starts at the beginning.
        var f = new EngineFixture();
        f.AddTable("users");
        SetAllWatermarks(T0);

        var first = await RunAsync(f);
        Assert.All(first.Tables, t => Assert.Equal(T0 - RangeResolver.DefaultOverlap, t.Range!.Value.Begin));
        Assert.Empty(_checkpoints.TryRead(_configuration)!.Baselines);

        f.AddTable("late");
        _clock = Now.AddHours(1);
        var second = await RunAsync(f);
        Assert.All(second.Tables.Where(t => t.Table == "late"), t => Assert.Equal(UtcTime.Epoch, t.Range!.Value.Begin));
    }

    [Fact]
    public async Task Verify_compares_the_range_after_the_run_and_warns_of_each_difference()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        var (good, rejected) = (Guid.NewGuid(), Guid.NewGuid());
        f.Cassandra.Put(Entry("users", good, T0));
        f.Cassandra.Put(Entry("users", rejected, T0.AddSeconds(1)));
        f.Elasticsearch.FailWhen = e => e.Id == rejected ? "mapper_parsing_exception" : null;
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var observer = new WarningSink(warnings);

        var request = new SyncRequest(_configuration) { Verify = true };
        var result = await Runner().RunAsync(request, f.Cassandra, f.Elasticsearch, observer, CancellationToken.None);

        Assert.Equal(RunStatus.Incomplete, result.Status);
        Assert.NotNull(result.Verification);
        Assert.Equal(1, result.Verification!.Differences);
        Assert.Contains(warnings, w => w.Contains(rejected.ToString()) && w.Contains("missing in Elasticsearch"));
        Assert.DoesNotContain(warnings, w => w.Contains(good.ToString()));
    }

    [Fact]
    public async Task A_verify_that_cannot_finish_is_a_warning_and_the_run_stands()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.Elasticsearch.OnReadVersion = _ => throw new System.IO.IOException("node gone");
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var result = await Runner().RunAsync(new SyncRequest(_configuration) { Verify = true }, f.Cassandra, f.Elasticsearch, new WarningSink(warnings), CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(result.Verification!.Complete);
        Assert.NotNull(f.Elasticsearch.Newest("users", id));
        Assert.Equal(Now, Watermark(ToEs("users")));
        Assert.Contains(warnings, w => w.Contains("could not be compared") && w.Contains("node gone"));
    }

    [Fact]
    public async Task Without_verify_no_compare_runs()
    {
        var f = new EngineFixture();
        f.AddTable("users");
        var result = await RunAsync(f);
        Assert.Null(result.Verification);
    }

    private sealed class WarningSink : ISyncObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings;
        public WarningSink(System.Collections.Concurrent.ConcurrentQueue<string> warnings) => _warnings = warnings;
        public void OnPhase(string message) { }
        public void OnWarning(string message) => _warnings.Enqueue(message);
        public void OnTableSkipped(TableResult table) { }
        public void OnProgress(SyncProgress progress) { }
        public void OnEntryFailed(EntryFailure failure) { }
        public void OnTableFailed(TableResult table) { }
    }
}
