using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;

namespace Synced.Cql.Connections;

/// <summary>
/// One TCP (or TLS) connection to a node. Many requests are in flight at once, told apart by stream id: callers
/// queue frames to a single writer loop (which coalesces them into few socket writes) and one reader loop hands
/// each response to the request waiting on its stream id.
/// </summary>
/// <remarks>
/// One file per concern: this one opens (TCP) and closes; CqlConnection.Tls, CqlConnection.Handshake (OPTIONS,
/// STARTUP, SASL, USE), CqlConnection.Heartbeat, CqlConnection.Multiplexing (stream ids, sending, answering) and
/// CqlConnection.Frames (the writer and reader loops).
/// </remarks>
internal sealed partial class CqlConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Action<ServerEvent>? _onEvent;
    private readonly CancellationTokenSource _closing = new();
    private readonly int _maxRequestSize;
    private int _closed;

    private CqlConnection(Socket socket, Stream stream, string host, int maxInFlight, Action<ServerEvent>? onEvent, int maxRequestSize = FrameHeader.MaxBodyLength)
    {
        _maxRequestSize = maxRequestSize;
        _socket = socket;
        _stream = stream;
        Host = host;
        _onEvent = onEvent;
        _pending = new PendingRequest?[maxInFlight];
        _freeIds = new short[maxInFlight];
        for (var i = maxInFlight - 1; i >= 0; i--)
        {
            _freeIds[_freeCount++] = (short)i;
        }

        _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>The node as host:port.</summary>
    public string Host { get; }

    /// <summary>Requests awaiting an answer.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The keyspace this connection is switched to (USE).</summary>
    public string? Keyspace { get; set; }

    /// <summary>Why the connection closed (null while open or when closed on purpose).</summary>
    public Exception? CloseReason { get; private set; }

    /// <summary>Raised once when the connection closes, for whatever reason.</summary>
    public event Action<CqlConnection>? Closed;

    /// <summary>Connects, negotiates TLS, and performs OPTIONS / STARTUP / authentication and the optional USE.</summary>
    public static async Task<CqlConnection> OpenAsync(IPEndPoint endPoint, string? tlsServerName, CqlClusterOptions options,
        Action<ServerEvent>? onEvent, CancellationToken cancellationToken)
    {
        var host = HostLabel(endPoint);
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            using (connectTimeout.Token.Register(() => socket.Dispose()))
            {
                try
                {
                    await socket.ConnectAsync(endPoint).ConfigureAwait(false);
                }
                catch (Exception ex) when (connectTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new CqlConnectionException(host, $"no TCP connection within {options.ConnectTimeout.TotalMilliseconds:0} ms (is the node up and reachable?).", ex);
                }
                catch (SocketException ex)
                {
                    var what = ex.SocketErrorCode == SocketError.ConnectionRefused
                        ? "connection refused (nothing listens on that port; is Cassandra running and is the native transport enabled?)"
                        : $"cannot connect ({ex.SocketErrorCode}: {ex.Message})";
                    throw new CqlConnectionException(host, what, ex);
                }
                catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                stream = new NetworkStream(socket, ownsSocket: true);
                if (options.Tls != null)
                {
                    stream = await AuthenticateTlsAsync(stream, host, tlsServerName ?? endPoint.Address.ToString(), options.Tls, options.ConnectTimeout, connectTimeout.Token, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new CqlConnection(socket, stream, host, options.MaxRequestsPerConnection, onEvent, options.MaxRequestSize);
        connection.Start();
        try
        {
            await connection.HandshakeAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.Close(ex);
            throw;
        }

        connection.StartHeartbeat(options.HeartbeatInterval, options.RequestTimeout);
        return connection;
    }

    private void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
        StartSweep();
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw NotSentError();
        }
    }

    private CqlConnectionException NotSentError()
    {
        var error = ClosedError();
        error.RequestNotSent = true;
        return error;
    }

    private CqlConnectionException ClosedError()
        => new(Host, "the connection is closed" + (CloseReason == null ? "." : $": {CloseReason.Message}"), CloseReason);

    /// <summary>Closes the connection (as <see cref="Close"/> without a reason).</summary>
    public void Dispose() => Close();

    /// <summary>Closes the connection; every waiting request fails with a connection error.</summary>
    public void Close(Exception? reason = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        _heartbeat?.Dispose();
        _sweeper?.Dispose();
        _outgoing.Writer.TryComplete();
        _closing.Cancel();
        try
        {
            _stream.Dispose();
        }
        catch (Exception)
        {
            // Disposing a broken stream may throw; the connection is being discarded either way.
        }

        _socket.Dispose();
        var error = ClosedError();
        for (var i = 0; i < _pending.Length; i++)
        {
            var pending = Volatile.Read(ref _pending[i]);
            if (pending != null && TakePending((short)i, pending))
            {
                pending.Completion.TrySetException(error);
            }
        }

        Closed?.Invoke(this);
    }

    internal static string HostLabel(IPEndPoint endPoint)
        => endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";
}
