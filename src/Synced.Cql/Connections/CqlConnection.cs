using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;

namespace Synced.Cql.Connections;

/// <summary>
/// One TCP (or TLS) connection to a node. Many requests are in flight at once, told apart by stream id: callers
/// queue frames to a single writer loop (which coalesces them into few socket writes) and one reader loop hands
/// each response to the request waiting on its stream id.
/// </summary>
internal sealed class CqlConnection
{
    private const int ReadBufferSize = 64 * 1024;
    private const int CoalesceLimit = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PendingRequest?[] _pending;
    private readonly ConcurrentStack<short> _freeIds = new();
    private readonly SemaphoreSlim _slots;
    private readonly Channel<FrameWriter> _outgoing = Channel.CreateUnbounded<FrameWriter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<ServerEvent>? _onEvent;
    private readonly CancellationTokenSource _closing = new();
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private readonly int _maxRequestSize;
    private int _readStart;
    private int _readEnd;
    private Timer? _heartbeat;
    private long _lastWriteTicks;
    private int _inFlight;
    private int _orphaned;
    private int _closed;

    private CqlConnection(Socket socket, Stream stream, string host, int maxInFlight, Action<ServerEvent>? onEvent, int maxRequestSize = FrameHeader.MaxBodyLength)
    {
        _maxRequestSize = maxRequestSize;
        _socket = socket;
        _stream = stream;
        Host = host;
        _onEvent = onEvent;
        _pending = new PendingRequest?[maxInFlight];
        for (var i = maxInFlight - 1; i >= 0; i--)
        {
            _freeIds.Push((short)i);
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
                    stream = await AuthenticateTlsAsync(stream, host, tlsServerName ?? endPoint.Address.ToString(), options.Tls, connectTimeout.Token, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
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

    private static async Task<Stream> AuthenticateTlsAsync(Stream inner, string host, string serverName, CqlTlsOptions tls,
        CancellationToken timeoutToken, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var validator = new TlsCertificateValidator(tls);
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, validator.Validate);
        var clientCertificates = new System.Security.Cryptography.X509Certificates.X509CertificateCollection();
        if (tls.ClientCertificate != null)
        {
            clientCertificates.Add(tls.ClientCertificate);
        }

        try
        {
            using (timeoutToken.Register(() => ssl.Dispose()))
            {
                await ssl.AuthenticateAsClientAsync(serverName, clientCertificates, tls.Protocols, tls.CheckRevocation).ConfigureAwait(false);
            }

            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is ObjectDisposedException)
        {
            ssl.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var reason = validator.Failure
                            ?? (timeoutToken.IsCancellationRequested ? $"no TLS handshake within {timeout.TotalMilliseconds:0} ms" : ex.Message);
            throw new CqlTlsException(host, $"TLS handshake failed: {reason}", ex);
        }
    }

    private async Task HandshakeAsync(CqlClusterOptions options, CancellationToken cancellationToken)
    {
        var supported = await SendAsync(OptionsRequest.Instance, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        Expect(supported, Opcode.Supported, "OPTIONS");

        var startup = await SendAsync(new StartupRequest(), options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (startup.Header.Opcode == Opcode.Authenticate)
        {
            var reader = startup.CreateReader();
            var authenticator = reader.ReadString();
            await AuthenticateAsync(authenticator, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Expect(startup, Opcode.Ready, "STARTUP");
        }

        if (!string.IsNullOrEmpty(options.Keyspace))
        {
            var use = "USE " + Types.CqlIdentifier.Quote(options.Keyspace!);
            var result = await SendAsync(new QueryRequest(use, new QueryParameters()), options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            Expect(result, Opcode.Result, use);
            Keyspace = options.Keyspace;
        }
    }

    private async Task AuthenticateAsync(string authenticator, CqlClusterOptions options, CancellationToken cancellationToken)
    {
        if (options.Credentials == null)
        {
            throw new CqlAuthenticationException(Host, $"the node requires authentication ({authenticator}) but no credentials were given; set CqlClusterOptions.Credentials.");
        }

        // SASL PLAIN: authorization id (empty), user, password, separated by NUL bytes.
        var user = Encoding.UTF8.GetBytes(options.Credentials.UserName);
        var password = Encoding.UTF8.GetBytes(options.Credentials.Password);
        var token = new byte[user.Length + password.Length + 2];
        Buffer.BlockCopy(user, 0, token, 1, user.Length);
        Buffer.BlockCopy(password, 0, token, user.Length + 2, password.Length);

        var response = await SendAsync(new AuthResponseRequest(token), options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        Array.Clear(token, 0, token.Length);
        if (response.Header.Opcode == Opcode.AuthChallenge)
        {
            throw new CqlAuthenticationException(Host, $"the authenticator {authenticator} sent a challenge; only PasswordAuthenticator (SASL PLAIN, no challenge) is supported.");
        }

        Expect(response, Opcode.AuthSuccess, "AUTH_RESPONSE");
    }

    private void Expect(CqlResponse response, Opcode opcode, string request)
    {
        if (response.Header.Opcode != opcode)
        {
            throw new CqlProtocolException($"{Host}: expected {opcode} in answer to {request}, got {response.Header.Opcode}.");
        }
    }

    private void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
    }

    private void StartHeartbeat(TimeSpan interval, TimeSpan timeout)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        _heartbeat = new Timer(_ => _ = HeartbeatAsync(interval, timeout), null, interval, interval);
    }

    private async Task HeartbeatAsync(TimeSpan interval, TimeSpan timeout)
    {
        if (IsClosed || DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastWriteTicks) < interval.Ticks)
        {
            return;
        }

        try
        {
            await SendAsync(OptionsRequest.Instance, timeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Close(new CqlConnectionException(Host, "heartbeat (OPTIONS) failed; closing the connection.", ex));
        }
    }

    /// <summary>
    /// Sends a request and waits for its response. An ERROR response is thrown as its <see cref="CqlServerException"/>;
    /// no answer within <paramref name="timeout"/> throws <see cref="CqlTimeoutException"/>.
    /// </summary>
    public async Task<CqlResponse> SendAsync(CqlRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (!_slots.Wait(0))
        {
            // Every stream id is in use: wait for one, but not past the connection's end.
            using var waitSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
            try
            {
                await _slots.WaitAsync(waitSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw NotSentError();
            }
        }

        if (!_freeIds.TryPop(out var streamId))
        {
            _slots.Release();
            throw new InvalidOperationException("Stream id pool out of sync with its semaphore.");
        }

        var pending = new PendingRequest();
        var writer = new FrameWriter(256);
        try
        {
            writer.BeginFrame(FrameHeader.Request(streamId, request.Opcode, request.Flags));
            request.WriteBody(writer);
            writer.EndFrame();
            if (writer.Length - FrameHeader.Size > _maxRequestSize)
            {
                // A node closes the connection on a frame over its native_transport_max_frame_size, failing every
                // request in flight on it: refuse this one alone, before it is sent.
                throw new CqlRequestTooLargeException(Host, request.Describe(), writer.Length - FrameHeader.Size, _maxRequestSize);
            }
        }
        catch
        {
            writer.Dispose();
            ReleaseId(streamId);
            throw;
        }

        Volatile.Write(ref _pending[streamId], pending);
        Interlocked.Increment(ref _inFlight);
        if (IsClosed || !_outgoing.Writer.TryWrite(writer))
        {
            writer.Dispose();
            if (TakePending(streamId, pending))
            {
                ReleaseId(streamId);
            }

            throw NotSentError();
        }

        using var timeoutSource = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        timeoutSource.CancelAfter(timeout);
        using (timeoutSource.Token.Register(() => pending.Completion.TrySetCanceled()))
        {
            try
            {
                var response = await pending.Completion.Task.ConfigureAwait(false);
                if (response.Header.Opcode == Opcode.Error)
                {
                    var reader = response.CreateReader();
                    var error = CqlServerException.Read(ref reader);
                    error.Host = Host;
                    error.Warnings = response.Warnings;
                    throw error;
                }

                return response;
            }
            catch (OperationCanceledException) when (!pending.Completion.Task.IsCompleted || pending.Completion.Task.IsCanceled)
            {
                // The id stays reserved until the late answer arrives (the reader loop frees it then),
                // so a late response is never mistaken for another request's.
                if (Interlocked.CompareExchange(ref pending.State, PendingRequest.Abandoned, PendingRequest.Waiting) == PendingRequest.Waiting
                    && Interlocked.Increment(ref _orphaned) > _pending.Length / 2)
                {
                    // Half the stream ids wait for answers that are not coming: the node or the link is stuck.
                    Close(new CqlConnectionException(Host, $"closed after {_orphaned} requests got no answer within their timeout."));
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new CqlTimeoutException(Host, request.Describe(), timeout);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new FrameWriter(CoalesceLimit);
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                batch.Reset();
                while (batch.Length < CoalesceLimit && reader.TryRead(out var frame))
                {
                    batch.WriteRaw(frame.WrittenSpan);
                    frame.Dispose();
                }

                await _stream.WriteAsync(batch.Buffer, 0, batch.Length, _closing.Token).ConfigureAwait(false);
                if (!reader.TryPeek(out _))
                {
                    await _stream.FlushAsync(_closing.Token).ConfigureAwait(false);
                }

                Interlocked.Exchange(ref _lastWriteTicks, DateTime.UtcNow.Ticks);
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException) || !_closing.IsCancellationRequested)
        {
            Close(new CqlConnectionException(Host, "writing to the connection failed.", ex));
        }
        catch (OperationCanceledException)
        {
            // Closing on purpose.
        }
        finally
        {
            batch.Dispose();
            while (_outgoing.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                if (!await FillAsync(FrameHeader.Size).ConfigureAwait(false))
                {
                    Close(new CqlConnectionException(Host, "the node closed the connection."));
                    return;
                }

                var header = FrameHeader.ParseV4(new ReadOnlySpan<byte>(_readBuffer, _readStart, FrameHeader.Size), expectResponse: true);
                _readStart += FrameHeader.Size;
                if ((header.Flags & FrameFlags.Compression) != 0)
                {
                    throw new CqlProtocolException("The node sent a compressed frame although no compression was negotiated.");
                }

                var body = new byte[header.BodyLength];
                await ReadBodyAsync(body).ConfigureAwait(false);
                Dispatch(header, body);
            }
        }
        catch (Exception ex)
        {
            Close(ex is CqlException ? ex : new CqlConnectionException(Host, "reading from the connection failed.", ex));
        }
    }

    private void Dispatch(FrameHeader header, byte[] body)
    {
        if (header.StreamId < 0)
        {
            if (header.Opcode == Opcode.Event && _onEvent != null)
            {
                var reader = new CqlResponse(header, body).CreateReader();
                var serverEvent = ServerEvent.Read(ref reader);
                var handler = _onEvent;
                _ = Task.Run(() => handler(serverEvent));
            }

            return;
        }

        if (header.StreamId >= _pending.Length)
        {
            throw new CqlProtocolException($"The node answered on stream {header.StreamId}, which was never used.");
        }

        var pending = Volatile.Read(ref _pending[header.StreamId]);
        if (pending == null || !TakePending(header.StreamId, pending))
        {
            throw new CqlProtocolException($"The node answered on stream {header.StreamId}, which has no request waiting.");
        }

        ReleaseId(header.StreamId);
        if (Interlocked.CompareExchange(ref pending.State, PendingRequest.Answered, PendingRequest.Waiting) == PendingRequest.Waiting)
        {
            pending.Completion.TrySetResult(new CqlResponse(header, body) { Host = Host });
        }
        else
        {
            Interlocked.Decrement(ref _orphaned);
        }
    }

    private bool TakePending(short streamId, PendingRequest pending)
    {
        if (Interlocked.CompareExchange(ref _pending[streamId], null, pending) == pending)
        {
            Interlocked.Decrement(ref _inFlight);
            return true;
        }

        return false;
    }

    private void ReleaseId(short streamId)
    {
        _freeIds.Push(streamId);
        _slots.Release();
    }

    private async Task<bool> FillAsync(int count)
    {
        if (_readEnd - _readStart >= count)
        {
            return true;
        }

        if (_readStart > 0)
        {
            Buffer.BlockCopy(_readBuffer, _readStart, _readBuffer, 0, _readEnd - _readStart);
            _readEnd -= _readStart;
            _readStart = 0;
        }

        while (_readEnd < count)
        {
            var read = await _stream.ReadAsync(_readBuffer, _readEnd, _readBuffer.Length - _readEnd, _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                if (_readEnd > 0)
                {
                    throw new CqlConnectionException(Host, "the node closed the connection in the middle of a frame.");
                }

                return false;
            }

            _readEnd += read;
        }

        return true;
    }

    private async Task ReadBodyAsync(byte[] body)
    {
        var buffered = Math.Min(body.Length, _readEnd - _readStart);
        Buffer.BlockCopy(_readBuffer, _readStart, body, 0, buffered);
        _readStart += buffered;
        var offset = buffered;
        if (offset == body.Length)
        {
            return;
        }

        if (body.Length - offset >= ReadBufferSize / 2)
        {
            // Large bodies are read straight into place.
            while (offset < body.Length)
            {
                var read = await _stream.ReadAsync(body, offset, body.Length - offset, _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new CqlConnectionException(Host, "the node closed the connection in the middle of a frame.");
                }

                offset += read;
            }

            return;
        }

        _readStart = _readEnd = 0;
        if (!await FillAsync(body.Length - offset).ConfigureAwait(false))
        {
            throw new CqlConnectionException(Host, "the node closed the connection in the middle of a frame.");
        }

        Buffer.BlockCopy(_readBuffer, 0, body, offset, body.Length - offset);
        _readStart = body.Length - offset;
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

    /// <summary>Closes the connection; every waiting request fails with a connection error.</summary>
    public void Close(Exception? reason = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        CloseReason = reason;
        _heartbeat?.Dispose();
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

    private sealed class PendingRequest
    {
        public readonly TaskCompletionSource<CqlResponse> Completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public const int Waiting = 0;
        public const int Answered = 1;
        public const int Abandoned = 2;

        /// <summary>Waiting, then Answered by the reader loop or Abandoned by a timeout, whichever comes first.</summary>
        public int State;
    }
}
