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

public class SyncRunnerTests : IDisposable
{
    private static readonly DateTime Now = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _state = new();
    private readonly CheckpointStore _checkpoints;
    private readonly SyncConfiguration _configuration = new("app", "app");
    private DateTime _clock = Now;

    public SyncRunnerTests() => _checkpoints = new CheckpointStore(_state.Path);

    public void Dispose() => _state.Dispose();

    private SyncRunner Runner() => new(_checkpoints, () => _clock);

    private Task<SyncRunResult> RunAsync(EngineFixture f, Action<SyncRunRequest>? configure = null, CancellationToken token = default)
    {
        var request = new SyncRunRequest(_configuration);
        configure?.Invoke(request);
        return Runner().RunAsync(request, f.Cassandra, f.Elasticsearch, null, token);
    }

    [Fact]
    public async Task A_first_run_syncs_from_the_epoch_and_sets_the_checkpoint_to_its_start()
    {
        var f = new EngineFixture();
        f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        f.Elasticsearch.AddTable("users");

        var result = await RunAsync(f);

        Assert.Equal(TimeInput.Epoch, result.Begin);
        Assert.Equal(Now, result.End);
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.True(result.CheckpointAdvanced);
        var checkpoint = _checkpoints.TryRead(_configuration)!;
        Assert.Equal(Now, checkpoint.End);
        Assert.Equal("Succeeded", checkpoint.LastRun!.Status);
        Assert.Equal(1, checkpoint.LastRun.Written);
    }

    [Fact]
    public async Task The_next_default_run_starts_at_the_last_end_minus_the_overlap()
    {
        var f = new EngineFixture();
        f.Elasticsearch.AddTable("users");
        await RunAsync(f);
        _clock = Now.AddHours(1);

        var second = await RunAsync(f);

        Assert.Equal(Now - RangeResolver.DefaultOverlap, second.Begin);
        Assert.Equal(RangeSource.Checkpoint, second.BeginSource);
        Assert.Equal(Now.AddHours(1), _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task An_explicit_range_after_the_checkpoint_leaves_it_alone_and_says_so()
    {
        var f = new EngineFixture();
        _checkpoints.Write(new Checkpoint(_configuration, SampleRange.Begin.AddDays(-10), Now, null));

        var result = await RunAsync(f, r => { r.Begin = SampleRange.Begin; r.End = SampleRange.End; });

        Assert.False(result.CheckpointAdvanced);
        Assert.Contains("gap", result.CheckpointNote);
        Assert.Equal(SampleRange.Begin.AddDays(-10), _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task An_explicit_range_without_a_checkpoint_creates_none()
    {
        // The original README's first example: -Begin 1420070400 -End 1422748800.
        var f = new EngineFixture();
        var result = await RunAsync(f, r => { r.Begin = TimeInput.ToUtc(1420070400, "Begin"); r.End = TimeInput.ToUtc(1422748800, "End"); });
        Assert.False(result.CheckpointAdvanced);
        Assert.Null(_checkpoints.TryRead(_configuration));
    }

    [Fact]
    public async Task An_explicit_range_covering_the_checkpoint_advances_it()
    {
        var f = new EngineFixture();
        _checkpoints.Write(new Checkpoint(_configuration, SampleRange.Begin.AddDays(1), Now, null));
        var result = await RunAsync(f, r => { r.Begin = SampleRange.Begin; r.End = SampleRange.End; });
        Assert.True(result.CheckpointAdvanced);
        Assert.Equal(SampleRange.End, _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task An_explicit_range_for_one_configuration_does_not_disturb_another()
    {
        var f = new EngineFixture();
        var other = new SyncConfiguration("app", "app", direction: SyncDirection.CassandraToElasticsearch);
        _checkpoints.Write(new Checkpoint(other, SampleRange.Begin, Now, null));

        await RunAsync(f);

        Assert.Equal(SampleRange.Begin, _checkpoints.TryRead(other)!.End);
    }

    [Fact]
    public async Task A_run_with_a_failed_entry_keeps_the_checkpoint_and_the_next_run_syncs_it_once_fixed()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.Elasticsearch.AddTable("users");
        _checkpoints.Write(new Checkpoint(_configuration, T0.AddDays(-1), Now, null));
        f.Elasticsearch.FailWhen = _ => "es_rejected_execution_exception";

        var failed = await RunAsync(f);

        Assert.Equal(RunStatus.Incomplete, failed.Status);
        Assert.False(failed.CheckpointAdvanced);
        var kept = _checkpoints.TryRead(_configuration)!;
        Assert.Equal(T0.AddDays(-1), kept.End);
        Assert.Equal("Incomplete", kept.LastRun!.Status);
        Assert.Equal(1, kept.LastRun.Failed);

        f.Elasticsearch.FailWhen = null;
        _clock = Now.AddMinutes(5);
        var retried = await RunAsync(f);

        Assert.Equal(RunStatus.Succeeded, retried.Status);
        Assert.NotNull(f.Elasticsearch.Newest("users", id));
        Assert.Equal(Now.AddMinutes(5), _checkpoints.TryRead(_configuration)!.End);
    }

    [Fact]
    public async Task A_cancelled_run_leaves_the_checkpoint_untouched_and_releases_the_lock()
    {
        var f = new EngineFixture();
        for (var i = 0; i < 50; i++) f.Cassandra.Put(Entry("users", Guid.NewGuid(), T0.AddSeconds(i)));
        f.Elasticsearch.AddTable("users");
        _checkpoints.Write(new Checkpoint(_configuration, T0.AddDays(-1), Now, null));
        using var cancellation = new CancellationTokenSource();
        f.Cassandra.OnRead = _ => cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(f, token: cancellation.Token));

        Assert.Equal(T0.AddDays(-1), _checkpoints.TryRead(_configuration)!.End);
        using var again = _checkpoints.AcquireLock(_configuration);
    }

    [Fact]
    public async Task A_dry_run_writes_neither_entries_nor_the_checkpoint()
    {
        var f = new EngineFixture();
        var id = Guid.NewGuid();
        f.Cassandra.Put(Entry("users", id, T0));
        f.Elasticsearch.AddTable("users");

        var result = await RunAsync(f, r => r.DryRun = true);

        Assert.Equal(RunStatus.WhatIf, result.Status);
        Assert.Null(f.Elasticsearch.Newest("users", id));
        Assert.Null(_checkpoints.TryRead(_configuration));
        Assert.Empty(System.IO.Directory.GetFiles(_state.Path));
    }

    [Fact]
    public async Task No_checkpoint_neither_reads_nor_writes_it()
    {
        var f = new EngineFixture();
        _checkpoints.Write(new Checkpoint(_configuration, Now.AddDays(-1), Now, null));

        var result = await RunAsync(f, r => r.NoCheckpoint = true);

        Assert.Equal(TimeInput.Epoch, result.Begin);
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
        f.Elasticsearch.AddTable("users");
        System.IO.Directory.CreateDirectory(_state.Path);
        System.IO.File.WriteAllText(_checkpoints.PathFor(_configuration), "{ broken");

        await Assert.ThrowsAsync<CheckpointCorruptException>(() => RunAsync(f));
        Assert.Null(f.Elasticsearch.Newest("users", id));
    }

    [Fact]
    public async Task The_range_end_is_captured_once_at_microsecond_precision()
    {
        var f = new EngineFixture();
        _clock = Now.AddTicks(1234567);
        var result = await RunAsync(f);
        Assert.Equal(Now.AddTicks(1234560), result.End);
        Assert.Equal(result.End, _checkpoints.TryRead(_configuration)!.End);
    }
}
