using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Connections;
using Synced.Cql;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ConnectionTests
{
    private const string Secret = "s3cr3t-Passw0rd";

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task An_unreachable_port_is_reported_with_the_host_and_port()
    {
        var port = FreePort();
        var options = new CassandraStoreOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(2) };
        options.ContactPoints.Add("127.0.0.1");

        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => CassandraStore.ConnectAsync(options, "ks", CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.Unreachable, error.Failure.Kind);
        Assert.Contains($"cannot reach Cassandra at 127.0.0.1:{port}", error.Message);
    }

    private static async Task<CassandraEmulator> StartSecuredAsync()
    {
        var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0, User = "syncer", Password = Secret });
        var cluster = new CqlClusterOptions { Credentials = new CqlCredentials("syncer", Secret) };
        cluster.ContactPoints.Add($"127.0.0.1:{emulator.EndPoint.Port}");
        await using var admin = await CqlSession.ConnectAsync(cluster);
        await admin.ExecuteAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        return emulator;
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_bad_credentials_without_the_password()
    {
        var emulator = await StartSecuredAsync();
        try
        {
            var options = CassandraNode.Options(emulator);
            options.Credential = new NetworkCredential("syncer", Secret + "-wrong");

            var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => CassandraStore.ConnectAsync(options, "ks", CancellationToken.None));

            Assert.Equal(ConnectionFailureKind.BadCredentials, error.Failure.Kind);
            Assert.Contains("rejected the credentials of user 'syncer'", error.Message);
            Assert.DoesNotContain(Secret, error.Message);
            Assert.DoesNotContain(Secret, error.ToString());
        }
        finally
        {
            await CassandraNode.StopAsync(emulator);
        }
    }

    [Fact]
    public async Task No_credentials_for_a_node_that_requires_them_is_reported_as_bad_credentials()
    {
        var emulator = await StartSecuredAsync();
        try
        {
            var error = await Assert.ThrowsAsync<ConnectionFailureException>(
                () => CassandraStore.ConnectAsync(CassandraNode.Options(emulator), "ks", CancellationToken.None));
            Assert.Equal(ConnectionFailureKind.BadCredentials, error.Failure.Kind);
            Assert.Contains("requires authentication", error.Message);
        }
        finally
        {
            await CassandraNode.StopAsync(emulator);
        }
    }

    [Fact]
    public async Task The_right_user_name_and_password_connect()
    {
        var emulator = await StartSecuredAsync();
        try
        {
            var options = CassandraNode.Options(emulator);
            options.UserName = "syncer";
            options.Password = Secret;
            await using var store = await CassandraStore.ConnectAsync(options, "ks", CancellationToken.None);
            Assert.Equal("ks", store.Keyspace);
            Assert.Empty(await store.ListTablesAsync(CancellationToken.None));
        }
        finally
        {
            await CassandraNode.StopAsync(emulator);
        }
    }

    [Fact]
    public async Task A_missing_keyspace_is_reported_with_the_cluster_and_the_keyspaces_there()
    {
        await using var node = await CassandraNode.StartAsync();
        var options = CassandraNode.Options(node.Emulator);

        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => CassandraStore.ConnectAsync(options, "nope", CancellationToken.None));

        Assert.Equal(ConnectionFailureKind.KeyspaceNotFound, error.Failure.Kind);
        Assert.Contains($"keyspace 'nope' does not exist on 127.0.0.1:{node.Emulator.EndPoint.Port}", error.Message);
        Assert.Contains("user keyspaces there: ks", error.Message);
    }

    [Fact]
    public async Task A_keyspace_name_in_other_case_finds_the_unquoted_keyspace()
    {
        await using var node = await CassandraNode.StartAsync();
        await using var store = await CassandraStore.ConnectAsync(CassandraNode.Options(node.Emulator), "KS", CancellationToken.None);
        Assert.Equal("ks", store.Keyspace);
    }

    [Fact]
    public async Task Inconsistent_options_are_refused_before_connecting()
    {
        var options = new CassandraStoreOptions { UserName = "only-a-user" };
        await Assert.ThrowsAsync<ArgumentException>(() => CassandraStore.ConnectAsync(options, "ks", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => CassandraStore.ConnectAsync(new CassandraStoreOptions { ScanSplits = 0 }, "ks", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => CassandraStore.ConnectAsync(new CassandraStoreOptions(), " ", CancellationToken.None));
    }
}
