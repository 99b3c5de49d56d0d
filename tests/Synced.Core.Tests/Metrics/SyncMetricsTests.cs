using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Metrics;
using Synced.Core.Scheduling;
using Synced.Core.Stores;
using Synced.Core.Tests.Checkpoints;
using Synced.Core.Tests.Engine;
using Synced.Core.Tests.Scheduling;
using Xunit;
using static Synced.Core.Tests.Engine.EngineFixture;

namespace Synced.Core.Tests.Metrics;

public sealed class SyncMetricsTests : IDisposable
{
    private static readonly DateTime Start = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _state = new();
    private readonly FakeClock _clock = new(Start);
    private readonly EngineFixture _data = new();

    public SyncMetricsTests()
    {
        _data.AddTable("users").AddTable("orders");
        for (var i = 0; i < 3; i++) _data.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        _data.Elasticsearch.Put(Entry("orders", Guid.NewGuid(), T0));
    }

    public void Dispose() => _state.Dispose();

    private async Task<RunOutcome> RunAsync(SyncConfiguration configuration, Func<CancellationToken, Task<(ISyncStore, ISyncStore)>>? connect = null)
    {
        await using var stores = new StorePair(connect ?? (_ => Task.FromResult<(ISyncStore, ISyncStore)>((_data.Cassandra, _data.Elasticsearch))));
        var loop = new ContinuousRunner(new SyncRequest(configuration) { Overlap = TimeSpan.Zero }, new CheckpointStore(_state.Path), stores, null, _clock);
        return (await loop.RunAsync(_ => { }, null, CancellationToken.None))!;
    }

    private static Dictionary<string, double> Samples(string text)
    {
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
        {
            var space = line.LastIndexOf(' ');
            samples[line.Substring(0, space)] = double.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture);
        }
        return samples;
    }

    [Fact]
    public async Task The_metrics_of_a_run_pass_promtool_and_match_its_result()
    {
        var configuration = new SyncConfiguration("app", "app", name: "nightly");
        var outcome = await RunAsync(configuration);
        var metrics = new SyncMetrics(configuration);
        metrics.Record(outcome);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var text = metrics.Render(_clock.UtcNow);

        var (exit, output) = Promtool.CheckMetrics(text);
        Assert.True(exit == 0, $"promtool check metrics failed ({exit}): {output}\n{text}");
        var samples = Samples(text);
        const string c = "configuration=\"nightly\",keyspace=\"app\",index=\"app\"";
        var result = outcome.Result!;
        foreach (var table in result.Tables)
        {
            var labels = $"{c},table=\"{table.Table}\",direction=\"{table.Direction}\"";
            Assert.Equal(table.Read, samples[$"synced_entries_read_total{{{labels}}}"]);
            Assert.Equal(table.Written, samples[$"synced_entries_written_total{{{labels}}}"]);
            Assert.Equal(table.SkippedNotNewer, samples[$"synced_entries_not_newer_total{{{labels}}}"]);
            Assert.Equal(table.Failed, samples[$"synced_entries_failed_total{{{labels}}}"]);
            var watermark = (table.WatermarkAfter!.Value - DateTime.UnixEpoch).TotalSeconds;
            Assert.Equal(watermark, samples[$"synced_watermark_timestamp_seconds{{{labels}}}"], 3);
            Assert.Equal(30, samples[$"synced_watermark_lag_seconds{{{labels}}}"], 3);
        }
        Assert.Equal(3, samples[$"synced_entries_written_total{{{c},table=\"users\",direction=\"CassandraToElasticsearch\"}}"]);
        Assert.Equal((result.StartedAt - DateTime.UnixEpoch).TotalSeconds, samples[$"synced_last_run_start_timestamp_seconds{{{c}}}"], 3);
        Assert.Equal(outcome.Duration.TotalSeconds, samples[$"synced_last_run_duration_seconds{{{c}}}"], 3);
        Assert.Equal(1, samples[$"synced_last_run_status{{{c},status=\"Succeeded\"}}"]);
        Assert.Equal(0, samples[$"synced_last_run_status{{{c},status=\"Failed\"}}"]);
        Assert.Equal((result.StartedAt - DateTime.UnixEpoch).TotalSeconds, samples[$"synced_last_success_timestamp_seconds{{{c}}}"], 3);
        Assert.Equal(0, samples[$"synced_consecutive_failed_runs{{{c}}}"]);
        Assert.Equal(1, samples[$"synced_runs_total{{{c},status=\"Succeeded\"}}"]);
    }

    [Fact]
    public async Task A_failed_run_shows_in_the_status_and_the_streak_and_keeps_the_entry_counters()
    {
        var configuration = new SyncConfiguration("app", "app");
        var metrics = new SyncMetrics(configuration);
        metrics.Record(await RunAsync(configuration));
        _clock.Advance(TimeSpan.FromMinutes(1));
        metrics.Record(await RunAsync(configuration, _ => throw new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Cassandra, "down", null)));

        var text = metrics.Render(_clock.UtcNow);

        Assert.Equal(0, Promtool.CheckMetrics(text).ExitCode);
        var samples = Samples(text);
        var c = $"configuration=\"{configuration.DisplayName}\",keyspace=\"app\",index=\"app\"";
        Assert.Equal(1, samples[$"synced_last_run_status{{{c},status=\"Failed\"}}"]);
        Assert.Equal(1, samples[$"synced_consecutive_failed_runs{{{c}}}"]);
        Assert.Equal(1, samples[$"synced_runs_total{{{c},status=\"Failed\"}}"]);
        Assert.Equal(3, samples[$"synced_entries_written_total{{{c},table=\"users\",direction=\"CassandraToElasticsearch\"}}"]);
        Assert.Equal(60, samples[$"synced_watermark_lag_seconds{{{c},table=\"users\",direction=\"CassandraToElasticsearch\"}}"], 3);
    }

    [Fact]
    public async Task Counters_carry_on_from_the_text_an_earlier_process_left_and_ignore_other_configurations()
    {
        var configuration = new SyncConfiguration("app", "app");
        var first = new SyncMetrics(configuration);
        first.Record(await RunAsync(configuration));
        var earlier = first.Render(_clock.UtcNow);
        var other = new SyncMetrics(new SyncConfiguration("other", "other"));
        other.Record(await RunAsync(new SyncConfiguration("other", "other")));

        var next = new SyncMetrics(configuration);
        next.ContinueFrom(earlier + other.Render(_clock.UtcNow));
        _clock.Advance(TimeSpan.FromMinutes(1));
        _data.Cassandra.Put(Entry("users", Guid.NewGuid(), _clock.UtcNow.AddSeconds(-1)));
        next.Record(await RunAsync(configuration));

        var samples = Samples(next.Render(_clock.UtcNow));
        var c = $"configuration=\"{configuration.DisplayName}\",keyspace=\"app\",index=\"app\"";
        Assert.Equal(4, samples[$"synced_entries_written_total{{{c},table=\"users\",direction=\"CassandraToElasticsearch\"}}"]);
        Assert.Equal(2, samples[$"synced_runs_total{{{c},status=\"Succeeded\"}}"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("configuration=\"other"));
    }

    [Fact]
    public void Names_with_quotes_and_backslashes_are_escaped_and_read_back()
    {
        var configuration = new SyncConfiguration("app", "app", name: "a \"quoted\" \\ name");
        var metrics = new SyncMetrics(configuration);
        metrics.Record(new RunOutcome(new SyncRequest(configuration), 1, RunOutcomeStatus.Failed, Start, Start.AddSeconds(2), error: new InvalidOperationException("x")));

        var text = metrics.Render(Start.AddSeconds(3));

        Assert.Equal(0, Promtool.CheckMetrics(text).ExitCode);
        Assert.Contains("configuration=\"a \\\"quoted\\\" \\\\ name\"", text);
        var again = new SyncMetrics(configuration);
        again.ContinueFrom(text);
        Assert.Contains("synced_runs_total{configuration=\"a \\\"quoted\\\" \\\\ name\",keyspace=\"app\",index=\"app\",status=\"Failed\"} 1", again.Render(Start));
    }

    [Fact]
    public void Previews_and_skipped_runs_are_not_recorded()
    {
        var configuration = new SyncConfiguration("app", "app");
        var metrics = new SyncMetrics(configuration);

        Assert.False(metrics.Record(new RunOutcome(new SyncRequest(configuration), 1, RunOutcomeStatus.WhatIf, Start, Start)));
        Assert.False(metrics.Record(new RunOutcome(new SyncRequest(configuration), 1, RunOutcomeStatus.Skipped, Start, Start, error: new CheckpointLockedException("app", "x.lock", null))));
        Assert.False(metrics.HasRun);
        Assert.DoesNotContain("synced_last_run", metrics.Render(Start));
    }
}
