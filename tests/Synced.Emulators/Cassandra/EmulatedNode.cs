using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Protocol;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// One node of an emulated cluster: its native transport port on its own loopback address, its connections, and
/// the controls a test needs (stop it as a crashed node, start it again).
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The cluster closes every node (CloseAsync), which releases _stopping; _lifecycle is only awaited, so it holds no wait handle.")]
public sealed class EmulatedNode
{
    private readonly CassandraEmulator _cluster;
    private readonly CassandraEmulatorOptions _options;
    private readonly ConcurrentDictionary<long, CqlConnection> _connections = new();
    // Each connection's run, until it ends; a connection leaves _connections before its run completes.
    private readonly ConcurrentDictionary<long, Task> _connectionRuns = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Socket? _listener;
    private CancellationTokenSource? _stopping;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;

    internal EmulatedNode(CassandraEmulator cluster, CassandraNode engine, CassandraEmulatorOptions options)
    {
        _cluster = cluster;
        Engine = engine;
        _options = options;
        Engine.SchemaChanged += change => Broadcast(c => c.WantsSchemaEvents, c => c.SendSchemaEventAsync(change));
    }

    internal CassandraNode Engine { get; }

    /// <summary>The address and port the node accepts CQL connections on.</summary>
    public IPEndPoint EndPoint => Engine.Identity.EndPoint;

    /// <summary>The node's address (127.0.0.1, 127.0.0.2, ...).</summary>
    public IPAddress Address => Engine.Address;

    /// <summary>host_id in system.local and system.peers.</summary>
    public Guid HostId => Engine.Identity.HostId;

    public string DataCenter => Engine.Identity.DataCenter;

    public string Rack => Engine.Identity.Rack;

    /// <summary>The node's Murmur3 tokens.</summary>
    public IReadOnlyList<long> Tokens => Engine.Identity.Tokens;

    /// <summary>Whether the node runs (accepts connections and serves as a replica).</summary>
    public bool IsUp => Engine.IsUp;

    /// <summary>schema_version the node reports; differs among nodes while a schema change propagates.</summary>
    public Guid SchemaVersion => Engine.Schema.Version;

    /// <summary>Connections currently open to this node.</summary>
    public int ConnectionCount => _connections.Count;

    public override string ToString() => $"{EndPoint} ({DataCenter}, {(IsUp ? "up" : "down")})";

    internal void Listen()
    {
        var listener = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(EndPoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _stopping = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
    }

    /// <summary>
    /// Stops the node as a crash would: its port closes, every connection to it ends, the other nodes see it down
    /// (STATUS_CHANGE DOWN to their registered connections) and coordinators stop counting it as a live replica.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!Engine.IsUp) return;
            Engine.MarkUp(false);
            await CloseAsync().ConfigureAwait(false);
            _cluster.AnnounceStatus(this, up: false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a stopped node again on the same address and port; it takes the newest schema and the others see it up.</summary>
    public async Task StartAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Engine.IsUp) return;
            Listen();
            Engine.MarkUp(true);
            _cluster.AnnounceStatus(this, up: true);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Closes the port and every connection, and waits until the requests in flight have finished.</summary>
    internal async Task CloseAsync()
    {
        var listener = Interlocked.Exchange(ref _listener, null);
        if (listener is null) return;
        _stopping!.Cancel();
        listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        // The accept loop has ended: no connection is added from here on.
        foreach (var connection in _connections.Values) connection.Close();
        await Task.WhenAll(_connectionRuns.Values).ConfigureAwait(false);
        _stopping.Dispose();
        _stopping = null;
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stopping.IsCancellationRequested) return;
                continue;
            }
            var id = Interlocked.Increment(ref _nextConnectionId);
            CqlConnection connection;
            try
            {
                connection = new CqlConnection(id, socket, Engine, _options, _cluster.Faults);
            }
            catch (SocketException)
            {
                // The client reset the connection before it was set up: nothing to serve.
                socket.Dispose();
                continue;
            }
            _connections[id] = connection;
            // Not cancellable: the connection's run is what releases it, so it must start even as the node stops.
            var run = Task.Run(() => ServeAsync(id, connection), CancellationToken.None);
            _connectionRuns[id] = run;
            // Registered after the run is recorded, so a run that ends at once is still forgotten.
            _ = run.ContinueWith(_ => _connectionRuns.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(long id, CqlConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    /// <summary>Sends an event to this node's connections that registered for it; a failed delivery is logged.</summary>
    internal void Broadcast(Func<CqlConnection, bool> wants, Func<CqlConnection, Task> send)
    {
        foreach (var connection in _connections.Values.Where(wants))
        {
            _ = send(connection).ContinueWith(
                t => Console.Error.WriteLine($"cassandra emulator: event not delivered to connection {connection.Id} of {EndPoint}: {t.Exception!.GetBaseException().Message}"),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
