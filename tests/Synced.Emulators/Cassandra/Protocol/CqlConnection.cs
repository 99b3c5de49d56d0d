using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// One client connection: reads request frames, runs the handshake (STARTUP, optional SASL PLAIN), then runs each
/// request as its own task so many requests per connection are in flight at once. Responses are written whole
/// under a per-connection write lock.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> owns the connection's resources: whether the client leaves, a drop fault fires or the node
/// calls <see cref="Close"/> (any number of times, from any thread), the run stops reading, waits for the requests
/// in flight to finish and only then releases the socket, the token source and the write lock, so nothing touches
/// them after they are gone.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "RunAsync owns and releases the stream, the token source and the write lock (see remarks): a Dispose could race the requests in flight.")]
internal sealed class CqlConnection
{
    public const string Authenticator = "org.apache.cassandra.auth.PasswordAuthenticator";
    private const byte SupportedVersion = FrameHeader.Version;
    private static readonly string[] ProtocolVersions = { "4/v4" };

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CassandraNode _node;
    private readonly CassandraEmulatorOptions _options;
    private readonly CassandraFaults _faults;
    private readonly System.Net.IPAddress _client;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    // Read once: requests still holding the token after the source is disposed see it cancelled, never disposed.
    private readonly CancellationToken _closingToken;
    private readonly object _requestGate = new();
    private readonly TaskCompletionSource _requestsDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeStarted;
    private int _inFlight;
    private bool _closed;
    private volatile bool _abort;
    private volatile string? _keyspace;
    private bool _started;
    private bool _authenticated;

    /// <summary>Takes ownership of <paramref name="socket"/>; <see cref="RunAsync"/> serves it and releases it.</summary>
    /// <exception cref="SocketException">The client reset the connection before it could be set up.</exception>
    public CqlConnection(long id, Socket socket, CassandraNode node, CassandraEmulatorOptions options, CassandraFaults faults)
    {
        Id = id;
        _socket = socket;
        _socket.NoDelay = true;
        _client = (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address ?? System.Net.IPAddress.Loopback;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _node = node;
        _options = options;
        _faults = faults;
        _closingToken = _closing.Token;
        _authenticated = options.User is null;
    }

    public long Id { get; }

    /// <summary>Whether the client asked (REGISTER) for SCHEMA_CHANGE events.</summary>
    public bool WantsSchemaEvents { get; private set; }

    /// <summary>Whether the client asked (REGISTER) for STATUS_CHANGE events.</summary>
    public bool WantsStatusEvents { get; private set; }

    /// <summary>Whether the client asked (REGISTER) for TOPOLOGY_CHANGE events.</summary>
    public bool WantsTopologyEvents { get; private set; }

    /// <summary>
    /// Serves the connection until the client leaves or <see cref="Close"/> is called, then waits for the requests
    /// in flight and releases everything. Never throws: an unexpected failure is logged and closes the connection.
    /// </summary>
    public async Task RunAsync()
    {
        try
        {
            await ReadFramesAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"cassandra emulator: connection {Id} failed and is closed: {ex}");
        }
        finally
        {
            Close();
            // Close may be running on another thread (the node stopping): let it finish with the socket first.
            await _closeDone.Task.ConfigureAwait(false);
            await _requestsDrained.Task.ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _closing.Dispose();
            _writeLock.Dispose();
        }
    }

    /// <summary>
    /// Stops the connection: no new request starts, waits and reads are cancelled, the socket is shut down so the
    /// client sees the connection end. Idempotent and safe from any thread, also while the client closes on its own.
    /// </summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0) return;
        try
        {
            lock (_requestGate)
            {
                _closed = true;
                if (_inFlight == 0) _requestsDrained.TrySetResult();
            }
            _closing.Cancel();
            // A drop fault resets the connection when the socket is released; anything else ends it with a FIN.
            if (!_abort)
            {
                try
                {
                    _socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // The client reset or closed the connection first: it is already down.
                }
            }
        }
        finally
        {
            _closeDone.TrySetResult();
        }
    }

    private bool TryBeginRequest()
    {
        lock (_requestGate)
        {
            if (_closed) return false;
            _inFlight++;
            return true;
        }
    }

    private void EndRequest()
    {
        lock (_requestGate)
        {
            if (--_inFlight == 0 && _closed) _requestsDrained.TrySetResult();
        }
    }

    /// <summary>Failures that only mean the client went away or the connection is closing: there is no one to answer.</summary>
    private bool IsConnectionGone(Exception ex)
        => ex is IOException or SocketException || (ex is OperationCanceledException or ObjectDisposedException && _closingToken.IsCancellationRequested);

    private async Task ReadFramesAsync()
    {
        var header = new byte[FrameHeader.Size];
        try
        {
            while (!_closingToken.IsCancellationRequested)
            {
                if (!await ReadExactlyOrEndAsync(header).ConfigureAwait(false)) return;
                var version = (byte)(header[0] & FrameHeader.VersionMask);
                var streamId = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                if (version != SupportedVersion)
                {
                    // What Cassandra answers, with the frame version set to the one it speaks, so drivers downgrade.
                    await SendErrorAsync(streamId, new NodeError(CqlErrorCode.ProtocolError,
                        $"Invalid or unsupported protocol version ({version}); the lowest supported version is {SupportedVersion} and the greatest is {SupportedVersion}")).ConfigureAwait(false);
                    return;
                }
                FrameHeader frame;
                try
                {
                    frame = FrameHeader.Read(header);
                    if (frame.BodyLength > _options.Settings.MaxFrameSize)
                        throw new ProtocolException($"Request is too big: length {frame.BodyLength} exceeds maximum allowed length {_options.Settings.MaxFrameSize}.");
                }
                catch (ProtocolException ex)
                {
                    await SendErrorAsync(streamId, new NodeError(CqlErrorCode.ProtocolError, ex.Message)).ConfigureAwait(false);
                    return;
                }
                var body = ArrayPool<byte>.Shared.Rent(Math.Max(frame.BodyLength, 1));
                if (!await ReadExactlyOrEndAsync(body.AsMemory(0, frame.BodyLength)).ConfigureAwait(false))
                {
                    ArrayPool<byte>.Shared.Return(body);
                    return;
                }
                if (_faults.ShouldDrop())
                {
                    ArrayPool<byte>.Shared.Return(body);
                    // A zero linger makes releasing the socket send a reset, without a FIN first.
                    _abort = true;
                    _socket.LingerState = new LingerOption(true, 0);
                    return;
                }
                if (frame.IsResponse)
                {
                    ArrayPool<byte>.Shared.Return(body);
                    await SendErrorAsync(streamId, new NodeError(CqlErrorCode.ProtocolError, "Invalid frame: a client sent a response frame")).ConfigureAwait(false);
                    return;
                }
                if (!TryBeginRequest())
                {
                    ArrayPool<byte>.Shared.Return(body);
                    return;
                }
                if (frame.Opcode is CqlOpcode.Startup or CqlOpcode.Options or CqlOpcode.AuthResponse or CqlOpcode.Register || !_started || !_authenticated)
                {
                    // Handshake requests change connection state: run them in order.
                    try { await HandleAsync(frame, body).ConfigureAwait(false); }
                    finally { EndRequest(); }
                }
                else
                {
                    _ = Task.Run(async () =>
                    {
                        try { await HandleAsync(frame, body).ConfigureAwait(false); }
                        finally { EndRequest(); }
                    });
                }
            }
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // The client went away or the node is stopping.
        }
    }

    private async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.Slice(read), _closingToken).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    /// <summary>Answers one request; never throws (the request tasks are not observed).</summary>
    private async Task HandleAsync(FrameHeader frame, byte[] body)
    {
        try
        {
            await AnswerAsync(frame, body).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // The answer cannot be delivered: the connection is over, so stop reading from it too.
            Close();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"cassandra emulator: {frame.Opcode} on connection {Id} failed without an answer; closing the connection: {ex}");
            Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private async Task AnswerAsync(FrameHeader frame, byte[] body)
    {
        Request? request = null;
        try
        {
            request = Decode(frame, body);
            if (request.Info is not null)
            {
                var fault = await _faults.ApplyAsync(request.Info, _closingToken).ConfigureAwait(false);
                if (fault is { } f) throw new NodeError(f.Code, f.Message) { PreparedId = request.PreparedId };
            }
            if (request.Scope is { } answering)
            {
                var statement = request;
                answering.BeforeAnswer = () => Record(statement, null);
            }
            await request.Run().ConfigureAwait(false);
            request.Scope?.BeforeAnswer?.Invoke(); // a request that answered without a result frame
        }
        catch (Exception ex) when (!IsConnectionGone(ex))
        {
            var error = ex is UnpreparedException u ? new NodeError(CqlErrorCode.Unprepared, u.Message) { PreparedId = u.Id } : NodeError.From(ex);
            if (error.Code == CqlErrorCode.ServerError) Console.Error.WriteLine($"cassandra emulator: unexpected error on {frame.Opcode}: {ex}");
            if (request?.Scope is { } scope)
            {
                scope.BeforeAnswer = null;
                scope.Trace?.Complete();
            }
            Record(request, error.Code);
            await SendErrorAsync(frame.StreamId, error, request?.Scope).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a statement request to the cluster's record of who served what.</summary>
    private void Record(Request? request, CqlErrorCode? error)
    {
        if (request?.Scope is not { } scope || request.Info is null) return;
        var o = scope.Outcome;
        _node.Cluster.Requests.Add(new CqlRequestRecord(_node.Identity.EndPoint, Id, request.Info.Opcode, request.Info.Query, o.Keyspace ?? request.Info.Keyspace,
            o.Table, scope.Consistency, o.Tokens.ToArray(), o.Range, o.Replicas.ToArray(), error));
    }

    /// <summary>A decoded request: what fault rules see, and the work that answers it.</summary>
    private sealed class Request
    {
        public CqlRequestInfo? Info;
        public byte[]? PreparedId;
        /// <summary>For statements: consistency, warnings, trace and outcome of the request.</summary>
        public RequestScope? Scope;
        public Func<Task> Run = () => Task.CompletedTask;
    }

    /// <summary>The scope of a QUERY, EXECUTE or BATCH: starts a trace session when the frame asks for tracing.</summary>
    private RequestScope Scope(FrameHeader frame, ConsistencyLevel consistency, ConsistencyLevel? serial, string request, string? query, int? pageSize)
    {
        var scope = new RequestScope { Consistency = consistency };
        if (frame.HasFlag(FrameHeader.TracingFlag))
        {
            // The parameters Cassandra's QueryMessage/ExecuteMessage/BatchMessage put in system_traces.sessions.
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["consistency_level"] = Cluster.ConsistencyRules.Name(consistency) };
            if (query is not null) parameters["query"] = query;
            if (pageSize is > 0) parameters["page_size"] = pageSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (serial is { } s) parameters["serial_consistency_level"] = Cluster.ConsistencyRules.Name(s);
            scope.Trace = _node.Cluster.Traces.Begin(_node.Identity.EndPoint, _client, request, parameters);
        }
        return scope;
    }

    private sealed class UnpreparedException : Exception
    {
        public UnpreparedException(byte[] id)
            : base($"Prepared query with ID {Convert.ToHexString(id).ToLowerInvariant()} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)")
        {
            Id = id;
        }

        public byte[] Id { get; }
    }

    /// <summary>Parses the body synchronously (the reader cannot live across awaits).</summary>
    private Request Decode(FrameHeader frame, byte[] body)
    {
        var reader = new WireReader(new ReadOnlySpan<byte>(body, 0, frame.BodyLength));
        if (frame.HasFlag(FrameHeader.CompressionFlag))
            throw new ProtocolException("Compressed frame received, but no compression was negotiated at STARTUP (this node supports none)");
        if (frame.HasFlag(FrameHeader.CustomPayloadFlag)) reader.ReadBytesMap();
        var stream = frame.StreamId;
        var request = new Request();
        if (!_started && frame.Opcode is not (CqlOpcode.Startup or CqlOpcode.Options))
            throw new ProtocolException($"Unexpected message {frame.Opcode.ToString().ToUpperInvariant()}, expecting STARTUP or OPTIONS");
        if (_started && !_authenticated && frame.Opcode is not (CqlOpcode.AuthResponse or CqlOpcode.Options))
            throw new ProtocolException($"Unexpected message {frame.Opcode.ToString().ToUpperInvariant()}, expecting SASL response");
        switch (frame.Opcode)
        {
            case CqlOpcode.Options:
                request.Run = () => SendAsync(stream, CqlOpcode.Supported, w => w.WriteStringMultimap(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
                {
                    ["CQL_VERSION"] = new[] { _node.Identity.CqlVersion },
                    ["COMPRESSION"] = Array.Empty<string>(),
                    ["PROTOCOL_VERSIONS"] = ProtocolVersions,
                }));
                break;
            case CqlOpcode.Startup:
            {
                var options = reader.ReadStringMap();
                if (!options.ContainsKey("CQL_VERSION")) throw new ProtocolException("CQL_VERSION is mandatory");
                if (options.TryGetValue("COMPRESSION", out var compression))
                    throw new ProtocolException($"Unknown compression algorithm: {compression}");
                _started = true;
                request.Run = _authenticated
                    ? () => SendAsync(stream, CqlOpcode.Ready, _ => { })
                    : () => SendAsync(stream, CqlOpcode.Authenticate, w => w.WriteString(Authenticator));
                break;
            }
            case CqlOpcode.AuthResponse:
            {
                var token = reader.ReadBytes() ?? Array.Empty<byte>();
                var parts = Encoding.UTF8.GetString(token).Split('\0');
                var user = parts.Length >= 3 ? parts[1] : parts.Length == 2 ? parts[0] : "";
                var password = parts.Length >= 3 ? parts[2] : parts.Length == 2 ? parts[1] : "";
                if (_options.User is null || user != _options.User || password != _options.Password)
                {
                    var error = new NodeError(CqlErrorCode.BadCredentials, $"Provided username {user} and/or password are incorrect");
                    request.Run = () => SendErrorAsync(stream, error);
                }
                else
                {
                    _authenticated = true;
                    request.Run = () => SendAsync(stream, CqlOpcode.AuthSuccess, w => w.WriteBytes(null));
                }
                break;
            }
            case CqlOpcode.Register:
            {
                var events = reader.ReadStringList();
                foreach (var e in events)
                    if (e is not ("TOPOLOGY_CHANGE" or "STATUS_CHANGE" or "SCHEMA_CHANGE"))
                        throw new ProtocolException($"Invalid value '{e}' for Type");
                if (events.Contains("SCHEMA_CHANGE")) WantsSchemaEvents = true;
                if (events.Contains("STATUS_CHANGE")) WantsStatusEvents = true;
                if (events.Contains("TOPOLOGY_CHANGE")) WantsTopologyEvents = true;
                request.Run = () => SendAsync(stream, CqlOpcode.Ready, _ => { });
                break;
            }
            case CqlOpcode.Query:
            {
                var query = reader.ReadLongString();
                var parameters = QueryOptions.Read(ref reader, StatementContext.Unset);
                var keyspace = _keyspace;
                var scope = Scope(frame, parameters.Consistency, parameters.SerialConsistency, "Execute CQL3 query", query, parameters.PageSize);
                request.Info = new CqlRequestInfo(CqlOpcode.Query, query, keyspace, Id);
                request.Scope = scope;
                request.Run = async () =>
                {
                    scope.Trace?.Add(_node.Address, $"Parsing {query}");
                    var statement = CqlParser.Parse(query);
                    scope.Trace?.Add(_node.Address, "Preparing statement");
                    var ctx = Context(statement, parameters, keyspace, prepared: false, scope);
                    var result = await _node.ExecuteAsync(statement, ctx, _closingToken).ConfigureAwait(false);
                    if (result is SetKeyspaceResult ks) _keyspace = ks.Keyspace;
                    await SendResultAsync(stream, result, skipMetadata: false, scope).ConfigureAwait(false);
                };
                break;
            }
            case CqlOpcode.Prepare:
            {
                var query = reader.ReadLongString();
                var keyspace = _keyspace;
                request.Info = new CqlRequestInfo(CqlOpcode.Prepare, query, keyspace, Id);
                request.Run = () => SendResultAsync(stream, new PreparedStatementResult(_node.Prepare(query, keyspace)), skipMetadata: false);
                break;
            }
            case CqlOpcode.Execute:
            {
                var id = reader.ReadShortBytes();
                var parameters = QueryOptions.Read(ref reader, StatementContext.Unset);
                var prepared = _node.FindPrepared(id);
                request.PreparedId = id;
                request.Info = new CqlRequestInfo(CqlOpcode.Execute, prepared?.Query, _keyspace, Id);
                var scope = Scope(frame, parameters.Consistency, parameters.SerialConsistency, "Execute CQL3 prepared query", prepared?.Query, parameters.PageSize);
                request.Scope = scope;
                request.Run = async () =>
                {
                    if (prepared is null) throw new UnpreparedException(id);
                    var ctx = Context(prepared.Statement, parameters, prepared.Keyspace ?? _keyspace, prepared: true, scope);
                    var result = await _node.ExecuteAsync(prepared.Statement, ctx, _closingToken).ConfigureAwait(false);
                    await SendResultAsync(stream, result, parameters.SkipMetadata && result is RowsResult && prepared.ResultColumns is not null, scope).ConfigureAwait(false);
                };
                break;
            }
            case CqlOpcode.Batch:
            {
                var batch = BatchMessage.Read(ref reader, StatementContext.Unset);
                var keyspace = _keyspace;
                var scope = Scope(frame, batch.Consistency, batch.SerialConsistency, "Execute batch of CQL3 queries", null, null);
                request.Scope = scope;
                var entries = new List<(CqlStatement, StatementContext)>();
                var texts = new List<string>();
                byte[]? missing = null;
                foreach (var entry in batch.Entries)
                {
                    CqlStatement statement;
                    var ks = keyspace;
                    if (entry.PreparedId is not null)
                    {
                        var prepared = _node.FindPrepared(entry.PreparedId);
                        if (prepared is null)
                        {
                            missing ??= entry.PreparedId;
                            continue;
                        }
                        statement = prepared.Statement;
                        ks = prepared.Keyspace ?? keyspace;
                        texts.Add(prepared.Query);
                    }
                    else
                    {
                        texts.Add(entry.Query!);
                        statement = CqlParser.Parse(entry.Query!);
                    }
                    entries.Add((statement, Context(statement, entry.Values, null, ks, entry.PreparedId is not null, scope)));
                }
                request.PreparedId = missing;
                request.Info = new CqlRequestInfo(CqlOpcode.Batch, string.Join("; ", texts), keyspace, Id);
                request.Run = async () =>
                {
                    if (missing is not null) throw new UnpreparedException(missing);
                    var kind = (BatchKind)batch.Type;
                    var batchContext = new StatementContext(keyspace, Array.Empty<byte[]?>(), CassandraNode.NowInSeconds(), scope) { DefaultTimestamp = batch.DefaultTimestamp };
                    var result = _node.ExecuteBatch(kind, entries, batchContext);
                    await SendResultAsync(stream, result, skipMetadata: false, scope).ConfigureAwait(false);
                };
                break;
            }
            default:
                throw new ProtocolException($"Unknown or unexpected opcode 0x{(byte)frame.Opcode:x2} in a request");
        }
        return request;
    }

    private static StatementContext Context(CqlStatement statement, QueryOptions parameters, string? keyspace, bool prepared, RequestScope scope)
    {
        var ctx = Context(statement, parameters.Values, parameters.ValueNames, keyspace, prepared, scope);
        ctx.PageSize = parameters.PageSize ?? 0;
        ctx.PagingState = parameters.PagingState;
        ctx.DefaultTimestamp = parameters.DefaultTimestamp;
        return ctx;
    }

    private static StatementContext Context(CqlStatement statement, IReadOnlyList<byte[]?> raw, IReadOnlyList<string>? names, string? keyspace, bool prepared, RequestScope scope)
    {
        var values = new byte[]?[statement.MarkerCount];
        if (raw.Count != statement.MarkerCount)
        {
            throw new CqlInvalidException(prepared
                ? $"Invalid amount of bind variables: expected {statement.MarkerCount}, received {raw.Count}"
                : $"There were {statement.MarkerCount} markers(?) in CQL but {raw.Count} bound variables");
        }
        for (var i = 0; i < raw.Count; i++)
        {
            var index = i;
            if (names is not null)
            {
                index = statement.MarkerNames.IndexOf(names[i]);
                if (index < 0) index = statement.MarkerNames.IndexOf(names[i].ToLowerInvariant());
                if (index < 0) throw new CqlInvalidException($"Invalid named value: no bind marker named '{names[i]}'");
            }
            values[index] = raw[i];
            // Every marker with the same name receives the value.
            if (names is not null)
                for (var j = index + 1; j < statement.MarkerNames.Count; j++)
                    if (statement.MarkerNames[j] == statement.MarkerNames[index]) values[j] = values[index];
        }
        return new StatementContext(keyspace, values, CassandraNode.NowInSeconds(), scope);
    }

    private Task SendResultAsync(short stream, StatementResult result, bool skipMetadata, RequestScope? scope = null)
    {
        var record = scope?.BeforeAnswer;
        scope?.BeforeAnswer = null;
        record?.Invoke();
        scope?.Trace?.Add(_node.Address, "Request complete");
        scope?.Trace?.Complete();
        return SendAsync(stream, CqlOpcode.Result, w => ResponseWriter.WriteResult(w, result, skipMetadata), scope);
    }

    private Task SendErrorAsync(short stream, NodeError error, RequestScope? scope = null)
        => SendAsync(stream, CqlOpcode.Error, w => ResponseWriter.WriteError(w, error), scope);

    /// <summary>Pushes a SCHEMA_CHANGE event; a connection that is closing is skipped (its client is leaving).</summary>
    public Task SendSchemaEventAsync(SchemaChangeResult change) => SendEventAsync(w =>
    {
        w.WriteString("SCHEMA_CHANGE");
        ResponseWriter.WriteSchemaChange(w, change);
    });

    /// <summary>Pushes a STATUS_CHANGE (UP/DOWN) or TOPOLOGY_CHANGE (NEW_NODE/REMOVED_NODE) event about a node's native address.</summary>
    public Task SendNodeEventAsync(string type, string change, System.Net.IPEndPoint node) => SendEventAsync(w =>
    {
        w.WriteString(type);
        w.WriteString(change);
        w.WriteInet(node);
    });

    private async Task SendEventAsync(Action<WireWriter> body)
    {
        if (!TryBeginRequest()) return;
        try
        {
            await SendAsync(-1, CqlOpcode.Event, body).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            Close();
        }
        finally
        {
            EndRequest();
        }
    }

    private async Task SendAsync(short stream, CqlOpcode opcode, Action<WireWriter> writeBody, RequestScope? scope = null)
    {
        var writer = new WireWriter(512);
        byte flags = 0;
        if (scope?.Trace is not null) flags |= FrameHeader.TracingFlag;
        if (scope is { Warnings.Count: > 0 }) flags |= FrameHeader.WarningFlag;
        writer.BeginFrame(FrameHeader.Response(stream, opcode, flags));
        // The tracing id comes first in the body, then the warnings (native_protocol_v4.spec section 2.2).
        if (scope?.Trace is { } trace) writer.WriteRaw(trace.Id);
        if (scope is { Warnings.Count: > 0 }) writer.WriteStringList(scope.Warnings);
        writeBody(writer);
        writer.EndFrame();
        await _writeLock.WaitAsync(_closingToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(writer.Written, _closingToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
