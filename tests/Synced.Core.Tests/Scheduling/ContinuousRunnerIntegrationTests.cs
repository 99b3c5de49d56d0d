using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Scheduling;
using Synced.Cql;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Scheduling;

/// <summary>The continuous loop against the emulators, through proxies that can play a restart of both clusters.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xUnit disposes the HTTP client in IAsyncLifetime.DisposeAsync, which the rule does not know.")]
public sealed class ContinuousRunnerIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private CassandraEmulator _cassandra = null!;
    private ElasticsearchEmulator _elasticsearch = null!;
    private CqlSession _cql = null!;
    private HttpClient _http = null!;
    private string _state = null!;

    public async Task InitializeAsync()
    {
        _cassandra = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        _elasticsearch = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0 });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{_cassandra.EndPoint.Port}");
        _cql = await CqlSession.ConnectAsync(cluster);
        await _cql.ExecuteAsync("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await _cql.ExecuteAsync("CREATE TABLE app.users (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))");
        _http = new HttpClient { BaseAddress = _elasticsearch.Uri };
        var created = await _http.PutAsync("/app-users", new StringContent(
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"name\":{\"type\":\"text\"}}},\"aliases\":{\"app\":{}}}",
            Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        _state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-loop-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _cql.DisposeAsync();
        await _elasticsearch.DisposeAsync();
        await _cassandra.DisposeAsync();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }

    private async Task<bool> InElasticsearchAsync(Guid id)
        => (await _http.GetAsync($"/app-users/_doc/{id}")).IsSuccessStatusCode;

    [Fact]
    public async Task A_restart_of_both_clusters_mid_way_fails_runs_then_reconnects_and_syncs_what_changed_meanwhile_one_run_at_a_time()
    {
        using var cassandraProxy = new RestartableProxy(_cassandra.EndPoint.Port);
        using var elasticsearchProxy = new RestartableProxy(_elasticsearch.Uri.Port);
        var settings = new ConnectionSettings
        {
            CassandraPort = cassandraProxy.Port,
            Consistency = Cql.Protocol.Consistency.One,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        settings.CassandraHosts.Add("127.0.0.1");
        settings.ElasticsearchUris.Add(new Uri($"http://127.0.0.1:{elasticsearchProxy.Port}"));
        var configuration = new SyncConfiguration("app", "app", new[] { "127.0.0.1" }, cassandraProxy.Port, settings.ElasticsearchUris);
        var before = Guid.NewGuid();
        var during = Guid.NewGuid();
        await _cql.ExecuteAsync("INSERT INTO app.users (id, tmstmp, name) VALUES (?, now(), 'before')", before);

        var outcomes = new List<RunOutcome>();
        var restarted = false;
        var running = 0;
        var overlapped = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a safety net, never the end of a passing test
        await using var stores = new StorePair(async ct =>
        {
            // Each connection of the pair is counted; a run uses the pair it gets, never two at once.
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            try { return await StoreConnector.ConnectAsync(settings, "app", "app", false, ConflictMode.Compare, ct); }
            finally { Interlocked.Decrement(ref running); }
        });
        var loop = new ContinuousRunner(new SyncRequest(configuration), new CheckpointStore(_state), stores, new RunSchedule(Interval, TimeSpan.FromSeconds(1)));

        await loop.RunAsync(outcome =>
        {
            outcomes.Add(outcome);
            if (!restarted && outcomes.Count(o => o.Status == RunOutcomeStatus.Succeeded) >= 2)
            {
                // The clusters go down (connections cut, connections refused), change meanwhile, and come back.
                restarted = true;
                cassandraProxy.Stop();
                elasticsearchProxy.Stop();
                _cql.ExecuteAsync("INSERT INTO app.users (id, tmstmp, name) VALUES (?, now(), 'during')", during).GetAwaiter().GetResult();
                _ = Task.Delay(TimeSpan.FromSeconds(1.5)).ContinueWith(_ =>
                {
                    cassandraProxy.Start();
                    elasticsearchProxy.Start();
                });
            }
            var failedThenGood = outcomes.SkipWhile(o => !o.IsFailure).Count(o => o.Status == RunOutcomeStatus.Succeeded);
            if (restarted && failedThenGood >= 2) stop.Cancel();
        }, null, stop.Token);

        Assert.False(overlapped);
        Assert.True(restarted);
        var failed = outcomes.Where(o => o.IsFailure).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, o => Assert.True(o.Reconnects, $"run {o.Number} ({o.Status}) should reconnect"));
        Assert.True(stores.Connections >= 2, $"connected {stores.Connections} times");
        Assert.Equal(RunOutcomeStatus.Succeeded, outcomes[^1].Status);
        for (var i = 1; i < outcomes.Count; i++)
        {
            Assert.True(outcomes[i].StartedAt >= outcomes[i - 1].EndedAt, $"run {i + 1} started before run {i} ended");
            if (outcomes[i - 1].IsFailure) Assert.True(outcomes[i].StartedAt - outcomes[i - 1].EndedAt >= Interval - TimeSpan.FromMilliseconds(50), "a failed run is followed by a backoff");
        }
        Assert.True(await InElasticsearchAsync(before));
        Assert.True(await InElasticsearchAsync(during), "the entry written while the clusters were down is synced after they came back");
    }
}
