using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Scheduling;
using Synced.Core.Stores;
using Synced.Core.Tests.Checkpoints;
using Synced.Core.Tests.Engine;
using Xunit;
using static Synced.Core.Tests.Engine.EngineFixture;

namespace Synced.Core.Tests.Scheduling;

/// <summary>The continuous loop on a fake clock: schedule, backoff, reconnection, stop, and what each run's outcome says.</summary>
public sealed class ContinuousRunnerTests : IDisposable
{
    private static readonly DateTime Start = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _state = new();
    private readonly CheckpointStore _checkpoints;
    private readonly SyncConfiguration _configuration = new("app", "app");
    private readonly FakeClock _clock = new(Start);
    private readonly EngineFixture _data = new();
    private readonly List<(ScriptedStore Cassandra, ScriptedStore Elasticsearch)> _connected = new();
    private readonly List<RunOutcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();

    public ContinuousRunnerTests()
    {
        _checkpoints = new CheckpointStore(_state.Path);
        _data.AddTable("users");
        _data.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
    }

    public void Dispose()
    {
        _stop.Dispose();
        _state.Dispose();
    }

    /// <summary>How long each run takes (fake time), and what it throws; by run number (1-based).</summary>
    private Func<int, TimeSpan> RunTakes { get; set; } = _ => TimeSpan.FromSeconds(5);

    private Func<int, Exception?> RunThrows { get; set; } = _ => null;

    private Func<int, Exception?> ConnectThrows { get; set; } = _ => null;

    /// <summary>Stops the loop once this many runs ended.</summary>
    private int StopAfter { get; set; } = int.MaxValue;

    private int _runsStarted;
    private int _connectAttempts;

    private StorePair Stores() => new(_ =>
    {
        _connectAttempts++;
        if (ConnectThrows(_connectAttempts) is { } refused) throw refused;
        var cassandra = new ScriptedStore(_data.Cassandra)
        {
            OnList = _ =>
            {
                var number = Interlocked.Increment(ref _runsStarted);
                _clock.Advance(RunTakes(number));
                if (RunThrows(number) is { } error) throw error;
                return Task.CompletedTask;
            },
        };
        var pair = (cassandra, new ScriptedStore(_data.Elasticsearch));
        _connected.Add(pair);
        return Task.FromResult<(ISyncStore, ISyncStore)>(pair);
    });

    private async Task<RunOutcome?> LoopAsync(RunSchedule? schedule, Action<SyncRequest>? configure = null)
    {
        var request = new SyncRequest(_configuration) { Overlap = TimeSpan.Zero };
        configure?.Invoke(request);
        await using var stores = Stores();
        var loop = new ContinuousRunner(request, _checkpoints, stores, schedule, _clock);
        return await loop.RunAsync(outcome =>
        {
            _outcomes.Add(outcome);
            if (_outcomes.Count >= StopAfter) _stop.Cancel();
        }, null, _stop.Token);
    }

    [Fact]
    public async Task Runs_start_one_interval_apart_on_one_connection_pair()
    {
        StopAfter = 4;

        await LoopAsync(new RunSchedule(Minute));

        Assert.Equal(new[] { Start, Start + Minute, Start + 2 * Minute, Start + 3 * Minute }, _outcomes.Select(o => o.StartedAt));
        Assert.All(_outcomes, o => Assert.Equal(RunOutcomeStatus.Succeeded, o.Status));
        Assert.All(_outcomes, o => Assert.NotNull(o.Result));
        Assert.Single(_connected);
        Assert.Equal(new[] { 1, 2, 3, 4 }, _outcomes.Select(o => o.Number));
        Assert.Equal(Start + 2 * Minute, _outcomes[1].NextRunAt);
    }

    [Fact]
    public async Task A_run_longer_than_the_interval_skips_the_ticks_it_missed_and_never_overlaps_the_next()
    {
        RunTakes = n => n == 2 ? TimeSpan.FromSeconds(130) : TimeSpan.FromSeconds(5);
        StopAfter = 3;

        await LoopAsync(new RunSchedule(Minute));

        // Run 2 starts at 1:00 and ends at 3:10: the ticks at 2:00 and 3:00 are skipped, run 3 starts at 4:00.
        Assert.Equal(new[] { Start, Start + Minute, Start + 4 * Minute }, _outcomes.Select(o => o.StartedAt));
        for (var i = 1; i < _outcomes.Count; i++) Assert.True(_outcomes[i].StartedAt >= _outcomes[i - 1].EndedAt);
    }

    [Fact]
    public async Task Failed_runs_back_off_exponentially_up_to_the_cap_and_a_success_returns_to_the_interval()
    {
        RunThrows = n => n <= 5 ? new IOException("the cluster went away") : null;
        StopAfter = 7;

        await LoopAsync(new RunSchedule(Minute, TimeSpan.FromMinutes(5)));

        var waits = Enumerable.Range(1, 6).Select(i => _outcomes[i].StartedAt - _outcomes[i - 1].EndedAt).ToArray();
        Assert.Equal(new[] { Minute, 2 * Minute, 4 * Minute, 5 * Minute, 5 * Minute }, waits.Take(5));
        Assert.Equal(RunOutcomeStatus.Succeeded, _outcomes[5].Status);
        // After the success the next run is on the interval grid again (a tick of the first start).
        Assert.Equal(0, (_outcomes[6].StartedAt - Start).Ticks % Minute.Ticks);
        Assert.True(_outcomes[6].StartedAt - _outcomes[5].EndedAt <= Minute);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 0, 0 }, _outcomes.Select(o => o.ConsecutiveFailures));
    }

    [Fact]
    public async Task Incomplete_runs_count_as_failed_for_the_backoff()
    {
        _data.Elasticsearch.FailWhen = _ => "mapping conflict";
        StopAfter = 3;

        await LoopAsync(new RunSchedule(Minute));

        Assert.All(_outcomes, o => Assert.Equal(RunOutcomeStatus.Incomplete, o.Status));
        Assert.Equal(2 * Minute, _outcomes[2].StartedAt - _outcomes[1].EndedAt);
        Assert.False(_outcomes[0].Reconnects); // entries failed, the connection did not
        Assert.Single(_connected);
    }

    [Fact]
    public async Task A_run_that_fails_on_an_error_closes_the_stores_and_the_next_run_connects_afresh()
    {
        RunThrows = n => n == 2 ? new IOException("connection reset by peer") : null;
        StopAfter = 3;

        await LoopAsync(new RunSchedule(Minute));

        Assert.Equal(new[] { RunOutcomeStatus.Succeeded, RunOutcomeStatus.Failed, RunOutcomeStatus.Succeeded }, _outcomes.Select(o => o.Status));
        Assert.True(_outcomes[1].Reconnects);
        Assert.IsType<IOException>(_outcomes[1].Error);
        Assert.False(_outcomes[1].IsFatal);
        Assert.Equal(2, _connected.Count);
        Assert.True(_connected[0].Cassandra.Disposed && _connected[0].Elasticsearch.Disposed);
    }

    [Fact]
    public async Task A_table_that_stops_on_an_error_makes_the_next_run_reconnect()
    {
        var reads = 0;
        _data.Cassandra.OnRead = _ => { if (Interlocked.Increment(ref reads) == 1) throw new IOException("connection lost mid-scan"); };
        StopAfter = 2;

        await LoopAsync(new RunSchedule(Minute));

        Assert.Equal(RunOutcomeStatus.Incomplete, _outcomes[0].Status);
        Assert.Contains(_outcomes[0].Result!.Tables, t => t.Status == TableStatus.Failed);
        Assert.True(_outcomes[0].Reconnects);
        Assert.Equal(RunOutcomeStatus.Succeeded, _outcomes[1].Status);
        Assert.Equal(2, _connected.Count);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_waited_for_with_backoff()
    {
        ConnectThrows = n => n <= 2 ? new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Cassandra, "nobody home", null) : null;
        StopAfter = 3;

        await LoopAsync(new RunSchedule(Minute));

        Assert.Equal(new[] { RunOutcomeStatus.Failed, RunOutcomeStatus.Failed, RunOutcomeStatus.Succeeded }, _outcomes.Select(o => o.Status));
        Assert.All(_outcomes, o => Assert.False(o.IsFatal));
        Assert.Equal(3, _connectAttempts);
    }

    [Fact]
    public async Task Refused_credentials_at_the_first_connection_end_the_loop_but_not_once_a_run_went_through()
    {
        ConnectThrows = _ => new ConnectionFailureException(ConnectionFailureKind.BadCredentials, StoreSide.Cassandra, "no", null);

        var last = await LoopAsync(new RunSchedule(Minute));

        Assert.Single(_outcomes);
        Assert.True(last!.IsFatal);

        _outcomes.Clear();
        _connectAttempts = 0;
        ConnectThrows = n => n == 2 ? new ConnectionFailureException(ConnectionFailureKind.BadCredentials, StoreSide.Cassandra, "rotated", null) : null;
        RunThrows = n => n == 2 ? new IOException("dropped") : null;
        _runsStarted = 0;
        StopAfter = 3;

        await LoopAsync(new RunSchedule(Minute));

        Assert.Equal(new[] { RunOutcomeStatus.Succeeded, RunOutcomeStatus.Failed, RunOutcomeStatus.Failed }, _outcomes.Select(o => o.Status));
        Assert.All(_outcomes, o => Assert.False(o.IsFatal));
    }

    [Fact]
    public async Task A_damaged_checkpoint_ends_the_loop()
    {
        Directory.CreateDirectory(_state.Path);
        File.WriteAllText(_checkpoints.PathFor(_configuration), "{ not json");

        var last = await LoopAsync(new RunSchedule(Minute));

        Assert.True(last!.IsFatal);
        Assert.IsType<CheckpointCorruptException>(last.Error);
        Assert.Single(_outcomes);
    }

    [Fact]
    public async Task A_run_of_another_process_holding_the_lock_skips_the_tick_without_backing_off()
    {
        StopAfter = 2;
        using (_checkpoints.AcquireLock(_configuration))
        {
            var request = new SyncRequest(_configuration);
            await using var stores = Stores();
            var loop = new ContinuousRunner(request, _checkpoints, stores, new RunSchedule(Minute), _clock);
            await loop.RunAsync(o => { _outcomes.Add(o); if (_outcomes.Count >= StopAfter) _stop.Cancel(); }, null, _stop.Token);
        }

        Assert.All(_outcomes, o => Assert.Equal(RunOutcomeStatus.Skipped, o.Status));
        Assert.IsType<CheckpointLockedException>(_outcomes[0].Error);
        Assert.Equal(Start + Minute, _outcomes[1].StartedAt);
    }

    [Fact]
    public async Task A_single_run_ends_after_its_outcome()
    {
        var last = await LoopAsync(schedule: null);

        Assert.Single(_outcomes);
        Assert.Same(_outcomes[0], last);
        Assert.Null(last!.NextRunAt);
        Assert.Equal(RunOutcomeStatus.Succeeded, last.Status);
    }

    [Fact]
    public async Task A_stop_during_the_wait_ends_the_loop_without_another_run()
    {
        StopAfter = 1;

        var last = await LoopAsync(new RunSchedule(Minute));

        Assert.Single(_outcomes);
        Assert.Equal(1, _runsStarted);
        Assert.Equal(RunOutcomeStatus.Succeeded, last!.Status);
    }

    [Fact]
    public async Task A_stop_during_a_run_ends_it_at_a_safe_point_with_the_finished_tables_watermarks_only()
    {
        _data.AddTable("orders");
        _data.Cassandra.Put(Entry("orders", Guid.NewGuid(), T0));
        var reads = 0;
        // The second table read (in order: orders, then users) is under way when the stop comes.
        _data.Cassandra.OnRead = e => { if (e.Table == "users" && Interlocked.Increment(ref reads) == 1) _stop.Cancel(); };

        var last = await LoopAsync(new RunSchedule(Minute), r => r.Direction = SyncDirection.CassandraToElasticsearch);

        Assert.Equal(RunOutcomeStatus.Stopped, last!.Status);
        Assert.Single(_outcomes);
        Assert.Equal(RunStatus.Stopped, last.Result!.Status);
        var checkpoint = _checkpoints.TryRead(_configuration)!;
        Assert.NotNull(checkpoint.WatermarkFor(new WatermarkKey("orders", SyncDirection.CassandraToElasticsearch)));
        Assert.Null(checkpoint.WatermarkFor(new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)));
        Assert.False(File.Exists(Path.Combine(_state.Path, _configuration.FileBaseName + ".lock")));
        Assert.Equal(checkpoint.Watermarks.Count, last.Watermarks.Count);
    }

    [Fact]
    public async Task Failed_runs_are_counted_in_the_checkpoint_from_one_process_to_the_next()
    {
        await LoopAsync(schedule: null); // a success: the checkpoint exists
        var success = _outcomes[0].StartedAt;
        ConnectThrows = _ => new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Elasticsearch, "down", null);

        for (var cron = 1; cron <= 3; cron++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await LoopAsync(schedule: null);
        }

        Assert.Equal(new long[] { 0, 1, 2, 3 }, _outcomes.Select(o => o.ConsecutiveFailures));
        Assert.All(_outcomes.Skip(1), o => Assert.Equal(success, o.LastSuccessAt));
        var lastRun = _checkpoints.TryRead(_configuration)!.LastRun!;
        Assert.Equal("Failed", lastRun.Status);
        Assert.Equal(3, lastRun.ConsecutiveFailures);
        Assert.Equal(success, lastRun.LastSuccessAt);
    }

    [Fact]
    public async Task An_outcome_carries_the_watermarks_of_the_selected_tables_only()
    {
        _data.AddTable("orders");

        await LoopAsync(schedule: null);
        _outcomes.Clear();
        await LoopAsync(schedule: null, r => r.Tables = new TableSelection(new[] { "orders" }, null));

        Assert.Equal(new[] { "orders", "orders" }, _outcomes[0].Watermarks.Keys.Select(k => k.Table));
    }

    [Fact]
    public void A_repeated_run_takes_no_fixed_range()
    {
        var request = new SyncRequest(_configuration) { End = Start };
        Assert.Throws<ArgumentException>(() => new ContinuousRunner(request, _checkpoints, Stores(), new RunSchedule(Minute), _clock));
    }
}
