using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Emulator;

/// <summary>
/// Stopping the Cassandra emulator is safe whatever its clients do meanwhile: DisposeAsync may run while
/// connections close on their own, may be called twice (also concurrently), and closes every connection it finds.
/// </summary>
[Trait("Category", "Integration")]
public class EmulatorDisposalTests
{
    private const int Rounds = 15;
    private const int ClientsPerRound = 24;
    private static readonly TimeSpan IoTimeout = RawCqlClient.IoTimeout;

    [Fact]
    public async Task Disposing_while_clients_close_their_connections_completes_and_closes_the_rest()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
            var clients = await Task.WhenAll(Enumerable.Range(0, ClientsPerRound).Select(_ => RawCqlClient.ConnectAndStartAsync(emulator.EndPoint)));
            Assert.Equal(ClientsPerRound, emulator.ConnectionCount);

            // Every client leaves a request in flight; two thirds then close (half of those with a reset) while the
            // node is stopped twice at once; the last third stays open and must be closed by the node.
            foreach (var client in clients) await RawCqlClient.SendQueryAsync(client, "SELECT * FROM system.local");
            var closing = clients.Take(ClientsPerRound * 2 / 3).Select((client, i) => Task.Run(() => RawCqlClient.Close(client, reset: i % 2 == 0)));
            var stopping = new[] { Task.Run(() => emulator.DisposeAsync().AsTask()), Task.Run(() => emulator.DisposeAsync().AsTask()) };

            await Task.WhenAll(closing.Concat(stopping));

            Assert.Equal(0, emulator.ConnectionCount);
            foreach (var client in clients.Skip(ClientsPerRound * 2 / 3))
            {
                await RawCqlClient.AssertClosedByServerAsync(client);
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Disposing_while_sessions_disconnect_completes_and_a_second_dispose_is_a_no_op()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
            var sessions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CqlSession.ConnectAsync(Options(emulator.EndPoint))));
            await Task.WhenAll(sessions.Select(s => s.ExecuteAsync("SELECT release_version FROM system.local")));
            Assert.True(emulator.ConnectionCount >= sessions.Length);

            await Task.WhenAll(sessions.Select(s => Task.Run(() => s.DisposeAsync().AsTask())).Append(Task.Run(() => emulator.DisposeAsync().AsTask())));
            await emulator.DisposeAsync();

            Assert.Equal(0, emulator.ConnectionCount);
        }
    }

    [Fact]
    public async Task Every_dispose_call_waits_for_the_request_in_flight_while_the_client_connection_is_already_closed()
    {
        const string heldQuery = "SELECT release_version FROM system.local";
        var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        using var reached = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        // A fault rule's predicate runs inside the request: blocking it keeps that request in flight.
        emulator.Faults.AddLatency(TimeSpan.Zero, r =>
        {
            if (r.Query != heldQuery) return false;
            reached.Release();
            release.Wait(IoTimeout);
            return false;
        });
        var client = await RawCqlClient.ConnectAndStartAsync(emulator.EndPoint);
        await RawCqlClient.SendQueryAsync(client, heldQuery);
        Assert.True(await reached.WaitAsync(IoTimeout), "the query never reached the node");

        var first = Task.Run(() => emulator.DisposeAsync().AsTask());
        var second = Task.Run(() => emulator.DisposeAsync().AsTask());

        await RawCqlClient.AssertClosedByServerAsync(client);
        await Task.WhenAny(first, second, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(first.IsCompleted, "the first DisposeAsync returned while a request was still running");
        Assert.False(second.IsCompleted, "the second DisposeAsync returned while a request was still running");
        release.Set();
        await Task.WhenAll(first, second).WaitAsync(IoTimeout);
        Assert.Equal(0, emulator.ConnectionCount);
        client.Dispose();
    }

    [Fact]
    public async Task After_disposal_the_port_no_longer_accepts_connections()
    {
        var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        var endPoint = emulator.EndPoint;
        var client = await RawCqlClient.ConnectAndStartAsync(endPoint);

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await RawCqlClient.AssertClosedByServerAsync(client);
        client.Dispose();
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(endPoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    private static CqlClusterOptions Options(IPEndPoint endPoint)
    {
        var options = new CqlClusterOptions
        {
            HeartbeatInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        options.ContactPoints.Add(endPoint.ToString());
        return options;
    }
}
