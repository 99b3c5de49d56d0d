using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Cql;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Connections;

/// <summary>Opening both sides and checking each cluster, against the emulators.</summary>
public sealed class StoreConnectorTests : IAsyncLifetime
{
    private CassandraEmulator _cassandra = null!;
    private ElasticsearchEmulator _elasticsearch = null!;

    public async Task InitializeAsync()
    {
        _cassandra = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        _elasticsearch = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0 });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{_cassandra.EndPoint.Port}");
        await using var cql = await CqlSession.ConnectAsync(cluster);
        await cql.ExecuteAsync("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        using var http = new System.Net.Http.HttpClient { BaseAddress = _elasticsearch.Uri };
        var created = await http.PutAsync("/app-users", new System.Net.Http.StringContent(
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"}}},\"aliases\":{\"app\":{}}}",
            System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _elasticsearch.DisposeAsync();
        await _cassandra.DisposeAsync();
    }

    private ConnectionSettings Settings(int? cassandraPort = null, Uri? elasticsearch = null)
    {
        var settings = new ConnectionSettings { CassandraPort = cassandraPort ?? _cassandra.EndPoint.Port, Consistency = Cql.Protocol.Consistency.One };
        settings.CassandraHosts.Add("127.0.0.1");
        settings.ElasticsearchUris.Add(elasticsearch ?? _elasticsearch.Uri);
        return settings;
    }

    [Fact]
    public async Task Both_stores_open_when_the_keyspace_and_the_index_exist()
    {
        var (cassandra, elasticsearch) = await StoreConnector.ConnectAsync(Settings(), "app", "app", allowMissingIndex: false, ConflictMode.Compare, CancellationToken.None);
        await using (cassandra)
        await using (elasticsearch)
        {
            Assert.Equal("Cassandra", cassandra.Name);
            Assert.Contains(await elasticsearch.ListTablesAsync(CancellationToken.None), t => t.Name == "users");
        }
    }

    [Fact]
    public async Task A_missing_keyspace_is_named()
    {
        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => StoreConnector.ConnectAsync(Settings(), "nope", "app", false, ConflictMode.Compare, CancellationToken.None));
        Assert.Equal(ConnectionFailureKind.KeyspaceNotFound, error.Failure.Kind);
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public async Task A_missing_index_is_named_unless_tables_may_be_created()
    {
        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => StoreConnector.ConnectAsync(Settings(), "app", "other", false, ConflictMode.Compare, CancellationToken.None));
        Assert.Equal(ConnectionFailureKind.IndexNotFound, error.Failure.Kind);
        Assert.Contains("let the run create the indices of the Cassandra tables", error.Message);
        Assert.Contains(ConnectionRemedy.CreateMissing, error.Failure.Remedies);

        var (cassandra, elasticsearch) = await StoreConnector.ConnectAsync(Settings(), "app", "other", allowMissingIndex: true, ConflictMode.Compare, CancellationToken.None);
        await cassandra.DisposeAsync();
        await elasticsearch.DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_cassandra_is_reported_before_elasticsearch_is_touched()
    {
        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => StoreConnector.ConnectAsync(Settings(cassandraPort: 1), "app", "app", false, ConflictMode.Compare, CancellationToken.None));
        Assert.Equal(ConnectionFailureKind.Unreachable, error.Failure.Kind);
        Assert.Equal(StoreSide.Cassandra, error.Failure.Side);
    }

    [Fact]
    public async Task An_unreachable_elasticsearch_is_reported()
    {
        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() =>
            StoreConnector.ConnectAsync(Settings(elasticsearch: new Uri("http://127.0.0.1:1")), "app", "app", false, ConflictMode.Compare, CancellationToken.None));
        Assert.Equal(ConnectionFailureKind.Unreachable, error.Failure.Kind);
        Assert.Equal(StoreSide.Elasticsearch, error.Failure.Side);
    }

    [Fact]
    public async Task The_probe_reports_versions_and_targets_without_throwing()
    {
        var cassandra = await StoreConnector.CheckCassandraAsync(Settings(), "app", CancellationToken.None);
        var elasticsearch = await StoreConnector.CheckElasticsearchAsync(Settings(), "app", CancellationToken.None);
        Assert.True(cassandra.Success, cassandra.Message);
        Assert.True(elasticsearch.Success, elasticsearch.Message);
        Assert.False(string.IsNullOrEmpty(cassandra.Version));
        Assert.Equal("7.17.5", elasticsearch.Version);

        var missing = await StoreConnector.CheckCassandraAsync(Settings(), "nope", CancellationToken.None);
        Assert.True(missing.Reachable);
        Assert.False(missing.TargetExists);
        Assert.Equal(ConnectionFailureKind.KeyspaceNotFound, missing.Failure!.Kind);

        var down = await StoreConnector.CheckElasticsearchAsync(Settings(elasticsearch: new Uri("http://127.0.0.1:1")), null, CancellationToken.None);
        Assert.False(down.Reachable);
        Assert.False(down.Success);
        Assert.Equal(ConnectionFailureKind.Unreachable, down.Failure!.Kind);
    }
}
