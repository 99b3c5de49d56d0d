using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Protocol;

namespace Synced.Emulators.Cassandra;

/// <summary>An in-memory Cassandra node speaking the CQL native protocol v4 on a TCP port.</summary>
/// <remarks>
/// It behaves as a single Cassandra 4.0 node (release_version 4.0.11, Murmur3Partitioner, datacenter1): clients
/// asking for protocol v5 or higher get Cassandra's ProtocolError and downgrade to v4. It runs keyspace, table and
/// user type DDL (CREATE, DROP, ALTER ... ADD/DROP/WITH), INSERT/UPDATE/DELETE (USING TIMESTAMP/TTL,
/// IF [NOT] EXISTS, collections, counters), BATCH, and SELECT with partition key EQ/IN, token ranges, clustering
/// slices, ALLOW FILTERING, ORDER BY, LIMIT, paging, COUNT and the native time/uuid functions. system.local,
/// system.peers(_v2), system_schema.* and system_virtual_schema.* are generated from the live schema. Data lives
/// in memory only; there are no secondary indexes, materialized views, user functions, JSON, GROUP BY, tracing or
/// compression.
/// </remarks>
public sealed class CassandraEmulator : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CassandraNode _node;
    private readonly CassandraEmulatorOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, CqlConnection> _connections = new();
    // Each connection's run, until it ends; a connection leaves _connections before its run completes.
    private readonly ConcurrentDictionary<long, Task> _connectionRuns = new();
    private readonly Lazy<Task> _stop;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;

    private CassandraEmulator(Socket listener, CassandraEmulatorOptions options)
    {
        _listener = listener;
        _options = options;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _node = new CassandraNode(new NodeIdentity(EndPoint.Address, EndPoint.Port, options.ClusterName, options.DataCenter, options.Rack, options.Tokens ?? new[] { "0" }));
        _node.SchemaChanged += BroadcastSchemaChange;
        _stop = new Lazy<Task>(StopAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The address and port the node accepts connections on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Fault injection: fail, delay or drop requests.</summary>
    public CassandraFaults Faults { get; } = new();

    /// <summary>Connections currently open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Starts a node; returns once it accepts connections.</summary>
    public static Task<CassandraEmulator> StartAsync(CassandraEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if ((options.User is null) != (options.Password is null))
            throw new ArgumentException("User and Password go together: set both to require PasswordAuthenticator, or neither.", nameof(options));
        if (options.Tokens is { Count: 0 }) throw new ArgumentException("Tokens must name at least one token of the node.", nameof(options));
        cancellationToken.ThrowIfCancellationRequested();
        var listener = new Socket(options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(options.Address, options.Port));
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new InvalidOperationException($"The Cassandra emulator cannot listen on {options.Address}:{options.Port}: {ex.Message}", ex);
        }
        var emulator = new CassandraEmulator(listener, options);
        emulator._acceptLoop = emulator.AcceptLoopAsync();
        return Task.FromResult(emulator);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue;
            }
            var id = Interlocked.Increment(ref _nextConnectionId);
            CqlConnection connection;
            try
            {
                connection = new CqlConnection(id, socket, _node, _options, Faults);
            }
            catch (SocketException)
            {
                // The client reset the connection before it was set up: nothing to serve.
                socket.Dispose();
                continue;
            }
            _connections[id] = connection;
            var run = Task.Run(() => ServeAsync(id, connection));
            _connectionRuns[id] = run;
            // Registered after the run is recorded, so a run that ends at once is still forgotten.
            _ = run.ContinueWith(ended => _connectionRuns.TryRemove(id, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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

    private void BroadcastSchemaChange(SchemaChangeResult change)
    {
        foreach (var connection in _connections.Values.Where(c => c.WantsSchemaEvents))
        {
            _ = connection.SendSchemaEventAsync(change).ContinueWith(
                t => Console.Error.WriteLine($"cassandra emulator: schema event not delivered to connection {connection.Id}: {t.Exception!.GetBaseException().Message}"),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    /// <summary>Forgets all prepared statements, as a restarted node would; clients get UNPREPARED and re-prepare.</summary>
    public void ForgetPreparedStatements() => _node.ClearPrepared();

    /// <summary>
    /// Stops the node: stops accepting, closes every client connection and waits until their requests in flight
    /// have finished. Every call, also concurrent ones, completes when the node has stopped; it never fails because
    /// clients close their connections meanwhile.
    /// </summary>
    public ValueTask DisposeAsync() => new(_stop.Value);

    private async Task StopAsync()
    {
        _stopping.Cancel();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        // The accept loop has ended: no connection is added from here on.
        foreach (var connection in _connections.Values) connection.Close();
        await Task.WhenAll(_connectionRuns.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
