using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Connections;

/// <summary>
/// A hung cluster fails within the limit that is set, and the error names the cluster, the operation, the
/// limit and the parameter that changes it.
/// </summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    // Generous: what matters is that the hang (60 s) is cut at the limit, not how fast a loaded machine is.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    private CassandraEmulator _cassandra = null!;
    private ElasticsearchEmulator _elasticsearch = null!;
    private string _state = null!;

    public async Task InitializeAsync()
    {
        _cassandra = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        _elasticsearch = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0 });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{_cassandra.EndPoint.Port}");
        await using (var cql = await CqlSession.ConnectAsync(cluster))
        {
            await cql.ExecuteAsync("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            await cql.ExecuteAsync("CREATE TABLE app.users (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp))");
        }
        using var http = new HttpClient { BaseAddress = _elasticsearch.Uri };
        var created = await http.PutAsync("/app-users", new StringContent(
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"name\":{\"type\":\"text\"}}},\"aliases\":{\"app\":{}}}",
            Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        _state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-timeout-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public async Task DisposeAsync()
    {
        _cassandra.Faults.Clear();
        _elasticsearch.Faults.Clear();
        await _elasticsearch.DisposeAsync();
        await _cassandra.DisposeAsync();
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }

    /// <summary>The limit under test is 1 s; the other one is long, so a test proves which limit cut the hang.</summary>
    private ConnectionSettings Settings(bool connectLimit, int? cassandraPort = null)
    {
        var settings = new ConnectionSettings
        {
            CassandraPort = cassandraPort ?? _cassandra.EndPoint.Port,
            Consistency = Cql.Protocol.Consistency.One,
            ConnectTimeout = connectLimit ? Limit : Hang,
            RequestTimeout = connectLimit ? Hang : Limit,
        };
        settings.CassandraHosts.Add("127.0.0.1");
        settings.ElasticsearchUris.Add(_elasticsearch.Uri);
        return settings;
    }

    private async Task<SyncResult> RunAsync(ConnectionSettings settings, SyncDirection direction)
    {
        var (cassandra, elasticsearch) = await StoreConnector.ConnectAsync(settings, "app", "app", allowMissingIndex: false, ConflictMode.Compare, CancellationToken.None);
        await using (cassandra)
        await using (elasticsearch)
        {
            var request = new SyncRequest(new SyncConfiguration("app", "app", new[] { "127.0.0.1" }, _cassandra.EndPoint.Port, new[] { _elasticsearch.Uri }))
            {
                Direction = direction,
            };
            return await new SyncRunner(new CheckpointStore(_state)).RunAsync(request, cassandra, elasticsearch, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_hung_Elasticsearch_fails_connecting_within_the_connect_timeout_and_says_so()
    {
        _elasticsearch.Faults.AddLatency(Hang);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => StoreConnector.ConnectElasticsearchAsync(Settings(connectLimit: true), "app", false, ConflictMode.Compare, CancellationToken.None));

        Assert.True(clock.Elapsed < Limit + Slack, $"took {clock.Elapsed}");
        Assert.Equal(ConnectionFailureKind.Unreachable, error.Failure.Kind);
        Assert.Contains($"Elasticsearch at {_elasticsearch.Uri.Scheme}://127.0.0.1:{_elasticsearch.Uri.Port}", error.Message);
        Assert.Contains("did not answer GET / within the connect timeout of 1 s", error.Message);
        Assert.Contains("raise the connect timeout", error.Message);
        Assert.Contains(ConnectionRemedy.RaiseConnectTimeout, error.Failure.Remedies);
    }

    [Fact]
    public async Task A_hung_Elasticsearch_scan_fails_its_table_within_the_request_timeout_and_says_so()
    {
        _elasticsearch.Faults.AddLatency(Hang, r => r.IsEndpoint("_search") || r.IsEndpoint("_pit"));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(Settings(connectLimit: false), SyncDirection.ElasticsearchToCassandra);

        Assert.True(clock.Elapsed < Limit + Slack, $"took {clock.Elapsed}");
        Assert.Equal(RunStatus.Incomplete, result.Status);
        var table = Assert.Single(result.Tables);
        Assert.Equal(TableStatus.Failed, table.Status);
        Assert.Contains("no answer from Elasticsearch at", table.Message);
        Assert.Contains("within the request timeout of 1 s", table.Message);
        Assert.Contains("raise the request timeout", table.Message);
        Assert.Matches("(POST|GET) /[^ ]*_(search|pit)", table.Message);
        Assert.False(table.WatermarkAdvanced);
    }

    [Fact]
    public async Task A_hung_Elasticsearch_write_fails_the_entries_within_the_request_timeout_and_says_so()
    {
        await using (var cql = await CqlSession.ConnectAsync(ClusterOptions()))
            await cql.ExecuteAsync("INSERT INTO app.users (id, tmstmp, name) VALUES (?, now(), 'x')", Guid.NewGuid());
        _elasticsearch.Faults.AddLatency(Hang, r => r.IsEndpoint("_mget") || r.IsEndpoint("_bulk"));

        var result = await RunAsync(Settings(connectLimit: false), SyncDirection.CassandraToElasticsearch);

        Assert.Equal(RunStatus.Incomplete, result.Status);
        var failure = Assert.Single(result.Failures);
        Assert.Contains("within the request timeout of 1 s", failure.Reason);
        Assert.Contains("raise the request timeout", failure.Reason);
    }

    [Fact]
    public async Task A_hung_Cassandra_fails_connecting_within_the_connect_timeout_and_says_so()
    {
        using var hung = new SilentListener();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => StoreConnector.ConnectCassandraAsync(Settings(connectLimit: true, cassandraPort: hung.Port), "app", CancellationToken.None));

        Assert.True(clock.Elapsed < Limit + Slack, $"took {clock.Elapsed}");
        Assert.Equal(ConnectionFailureKind.Unreachable, error.Failure.Kind);
        Assert.Contains($"Cassandra node 127.0.0.1:{hung.Port} did not answer OPTIONS within the connect timeout of 1 s", error.Message);
        Assert.Contains("raise the connect timeout", error.Message);
    }

    [Fact]
    public async Task A_hung_Cassandra_scan_fails_its_table_within_the_request_timeout_of_each_attempt_and_says_so()
    {
        await using (var cql = await CqlSession.ConnectAsync(ClusterOptions()))
            await cql.ExecuteAsync("INSERT INTO app.users (id, tmstmp, name) VALUES (?, now(), 'x')", Guid.NewGuid());
        var settings = Settings(connectLimit: false);
        var (cassandra, elasticsearch) = await StoreConnector.ConnectAsync(settings, "app", "app", false, ConflictMode.Compare, CancellationToken.None);
        await cassandra.DisposeAsync();
        await elasticsearch.DisposeAsync();
        _cassandra.Faults.AddLatency(Hang, r => r.Query is { } q && q.Contains("token(", StringComparison.OrdinalIgnoreCase));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(settings, SyncDirection.CassandraToElasticsearch);

        // A scan is a read, safe to repeat: the client tries it 4 times (3 retries), each cut at the limit.
        Assert.True(clock.Elapsed < 4 * Limit + Slack, $"took {clock.Elapsed}");
        var table = Assert.Single(result.Tables);
        Assert.Equal(TableStatus.Failed, table.Status);
        Assert.Contains("Cassandra node 127.0.0.1:", table.Message);
        Assert.Contains("within the request timeout of 1 s", table.Message);
        Assert.Contains("raise the request timeout", table.Message);
        Assert.Contains("SELECT", table.Message);
    }

    private CqlClusterOptions ClusterOptions()
    {
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{_cassandra.EndPoint.Port}");
        return cluster;
    }
}
