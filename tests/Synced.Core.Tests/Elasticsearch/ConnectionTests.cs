using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Version detection, compatibility mode and authentication against the emulator.</summary>
public class ConnectionTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_server_version_is_detected_and_8_x_gets_the_compatibility_header()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;

        var connection = await ElasticsearchConnection.ConnectAsync(cluster.ConnectionOptions(), CancellationToken.None);

        Assert.Equal(System.Version.Parse(Version), connection.ServerVersion);
        Assert.True(connection.SupportsPointInTime);
        Assert.Equal(connection.ServerVersion.Major >= 8, connection.Client.ConnectionSettings.EnableApiVersioningHeader);
    }

    [Fact]
    public async Task An_8_x_server_gets_the_compatibility_header_and_the_store_works_end_to_end()
    {
        var cluster = await EmulatedCluster.StartAsync(version: "8.15.0");
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" });

        Assert.Equal(new Version(8, 15, 0), store.Connection.ServerVersion);
        Assert.True(store.Connection.Client.ConnectionSettings.EnableApiVersioningHeader);

        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        var id = Guid.NewGuid();
        var outcomes = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0, ("name", "ann")) }, new UpsertContext(), CancellationToken.None);
        Assert.Equal(UpsertOutcomeKind.Written, outcomes[0].Kind);
        var again = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0, ("name", "ann")) }, new UpsertContext(), CancellationToken.None);
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, again[0].Kind);

        var found = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(table, new TimeRange(T0, T0.AddSeconds(1)), CancellationToken.None)) found.Add(entry);
        Assert.Equal(id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_as_such_without_the_password()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, user: "elastic", password: "right-secret");
        await using var _ = cluster;

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() =>
            ElasticsearchConnection.ConnectAsync(cluster.ConnectionOptions(new NetworkCredential("elastic", "wrong-secret")), CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.BadCredentials, ex.Failure.Kind);
        Assert.DoesNotContain("wrong-secret", ex.ToString());
        Assert.Contains(cluster.Emulator.Uri.Port.ToString(CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public async Task Missing_credentials_are_reported_as_bad_credentials()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, user: "elastic", password: "right-secret");
        await using var _ = cluster;

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() =>
            ElasticsearchConnection.ConnectAsync(cluster.ConnectionOptions(), CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.BadCredentials, ex.Failure.Kind);
    }

    [Fact]
    public async Task Right_credentials_connect_and_the_store_can_list()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, user: "elastic", password: "right-secret");
        await using var _ = cluster;

        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app" }, new NetworkCredential("elastic", "right-secret"));

        Assert.Empty(await store.ListTablesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_server_without_the_product_header_is_reported_as_not_elasticsearch()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, configure: o => o.SendProductHeader = false);
        await using var _ = cluster;

        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() =>
            ElasticsearchConnection.ConnectAsync(cluster.ConnectionOptions(), CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.WrongServer, ex.Failure.Kind);
        Assert.Contains("not Elasticsearch", ex.Message);
    }

    [Fact]
    public async Task An_api_key_given_as_id_and_secret_authenticates()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, configure: o => o.ApiKey = "key-id:key-secret");
        await using var _ = cluster;
        var options = cluster.ConnectionOptions();
        options.ApiKeyId = "key-id";
        options.ApiKey = "key-secret";

        var connection = await ElasticsearchConnection.ConnectAsync(options, CancellationToken.None);

        Assert.Equal(System.Version.Parse(Version), connection.ServerVersion);
    }

    [Fact]
    public async Task An_encoded_api_key_authenticates_and_a_wrong_one_is_bad_credentials()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, configure: o => o.ApiKey = "key-id:key-secret");
        await using var _ = cluster;
        var good = cluster.ConnectionOptions();
        good.ApiKey = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("key-id:key-secret"));
        var bad = cluster.ConnectionOptions();
        bad.ApiKey = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("key-id:wrong"));

        await ElasticsearchConnection.ConnectAsync(good, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(bad, CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.BadCredentials, ex.Failure.Kind);
        Assert.DoesNotContain(bad.ApiKey, ex.ToString());
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class ConnectionTestsOnElasticsearch8 : ConnectionTests
{
    protected override string Version => EmulatedCluster.Version8;
}
