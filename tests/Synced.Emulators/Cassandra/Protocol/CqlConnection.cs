using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// One client connection: reads request frames, runs the handshake (STARTUP, optional SASL PLAIN), then runs each
/// request as its own task so many requests per connection are in flight at once. Responses are written whole
/// under a per-connection write lock.
/// </summary>
internal sealed class CqlConnection : IAsyncDisposable
{
    public const string Authenticator = "org.apache.cassandra.auth.PasswordAuthenticator";
    private const byte SupportedVersion = ProtocolVersion.V4;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CassandraNode _node;
    private readonly CassandraEmulatorOptions _options;
    private readonly CassandraFaults _faults;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing;
    private int _inFlight;
    private int _disposed;
    private volatile string? _keyspace;
    private bool _started;
    private bool _authenticated;

    public CqlConnection(long id, Socket socket, CassandraNode node, CassandraEmulatorOptions options, CassandraFaults faults, CancellationToken stopping)
    {
        Id = id;
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _node = node;
        _options = options;
        _faults = faults;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _authenticated = options.User is null;
    }

    public long Id { get; }

    /// <summary>Whether the client asked (REGISTER) for SCHEMA_CHANGE events.</summary>
    public bool WantsSchemaEvents { get; private set; }

    public async Task RunAsync()
    {
        var header = new byte[FrameHeader.Size];
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (!await ReadExactlyOrEndAsync(header).ConfigureAwait(false)) return;
                var version = (byte)(header[0] & ProtocolVersion.VersionMask);
                var streamId = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                if (version != SupportedVersion)
                {
                    // What Cassandra answers, with the frame version set to the one it speaks, so drivers downgrade.
                    await SendErrorAsync(streamId, new NodeError(ErrorCode.ProtocolError,
                        $"Invalid or unsupported protocol version ({version}); the lowest supported version is {SupportedVersion} and the greatest is {SupportedVersion}")).ConfigureAwait(false);
                    return;
                }
                FrameHeader frame;
                try
                {
                    frame = FrameHeader.Parse(header);
                }
                catch (Synced.Cql.Protocol.CqlProtocolException ex)
                {
                    await SendErrorAsync(streamId, new NodeError(ErrorCode.ProtocolError, ex.Message)).ConfigureAwait(false);
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
                    _socket.Close(0);
                    return;
                }
                if (frame.IsResponse)
                {
                    ArrayPool<byte>.Shared.Return(body);
                    await SendErrorAsync(streamId, new NodeError(ErrorCode.ProtocolError, "Invalid frame: a client sent a response frame")).ConfigureAwait(false);
                    return;
                }
                if (frame.Opcode is Opcode.Startup or Opcode.Options or Opcode.AuthResponse or Opcode.Register || !_started || !_authenticated)
                {
                    // Handshake requests change connection state: run them in order.
                    await HandleAsync(frame, body).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Increment(ref _inFlight);
                    _ = Task.Run(async () =>
                    {
                        try { await HandleAsync(frame, body).ConfigureAwait(false); }
                        finally { Interlocked.Decrement(ref _inFlight); }
                    });
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the node is stopping.
        }
    }

    private async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.Slice(read), _closing.Token).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    private async Task HandleAsync(FrameHeader frame, byte[] body)
    {
        try
        {
            var request = Decode(frame, body);
            if (request.Info is not null)
            {
                var fault = await _faults.ApplyAsync(request.Info, _closing.Token).ConfigureAwait(false);
                if (fault is { } f)
                {
                    await SendErrorAsync(frame.StreamId, new NodeError(f.Code, f.Message) { PreparedId = request.PreparedId }).ConfigureAwait(false);
                    return;
                }
            }
            await request.Run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (IOException or SocketException or ObjectDisposedException or OperationCanceledException))
        {
            var error = ex is UnpreparedException u ? new NodeError(ErrorCode.Unprepared, u.Message) { PreparedId = u.Id } : NodeError.From(ex);
            if (error.Code == ErrorCode.ServerError) Console.Error.WriteLine($"cassandra emulator: unexpected error on {frame.Opcode}: {ex}");
            await SendErrorAsync(frame.StreamId, error).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    /// <summary>A decoded request: what fault rules see, and the work that answers it.</summary>
    private sealed class Request
    {
        public CqlRequestInfo? Info;
        public byte[]? PreparedId;
        public Func<Task> Run = () => Task.CompletedTask;
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
        var reader = new FrameReader(new ReadOnlyMemory<byte>(body, 0, frame.BodyLength));
        if ((frame.Flags & FrameFlags.Compression) != 0)
            throw new Synced.Cql.Protocol.CqlProtocolException("Compressed frame received, but no compression was negotiated at STARTUP (this node supports none)");
        if ((frame.Flags & FrameFlags.CustomPayload) != 0) reader.ReadBytesMap();
        var stream = frame.StreamId;
        var request = new Request();
        if (!_started && frame.Opcode is not (Opcode.Startup or Opcode.Options))
            throw new Synced.Cql.Protocol.CqlProtocolException($"Unexpected message {frame.Opcode.ToString().ToUpperInvariant()}, expecting STARTUP or OPTIONS");
        if (_started && !_authenticated && frame.Opcode is not (Opcode.AuthResponse or Opcode.Options))
            throw new Synced.Cql.Protocol.CqlProtocolException($"Unexpected message {frame.Opcode.ToString().ToUpperInvariant()}, expecting SASL response");
        switch (frame.Opcode)
        {
            case Opcode.Options:
                request.Run = () => SendAsync(stream, Opcode.Supported, w => w.WriteStringMultimap(new Dictionary<string, IReadOnlyList<string>>
                {
                    ["CQL_VERSION"] = new[] { NodeIdentity.CqlVersion },
                    ["COMPRESSION"] = Array.Empty<string>(),
                    ["PROTOCOL_VERSIONS"] = new[] { "4/v4" },
                }));
                break;
            case Opcode.Startup:
            {
                var options = reader.ReadStringMap();
                if (!options.ContainsKey("CQL_VERSION")) throw new Synced.Cql.Protocol.CqlProtocolException("CQL_VERSION is mandatory");
                if (options.TryGetValue("COMPRESSION", out var compression))
                    throw new Synced.Cql.Protocol.CqlProtocolException($"Unknown compression algorithm: {compression}");
                _started = true;
                request.Run = _authenticated
                    ? () => SendAsync(stream, Opcode.Ready, _ => { })
                    : () => SendAsync(stream, Opcode.Authenticate, w => w.WriteString(Authenticator));
                break;
            }
            case Opcode.AuthResponse:
            {
                var token = reader.ReadBytes() ?? Array.Empty<byte>();
                var parts = Encoding.UTF8.GetString(token).Split('\0');
                var user = parts.Length >= 3 ? parts[1] : parts.Length == 2 ? parts[0] : "";
                var password = parts.Length >= 3 ? parts[2] : parts.Length == 2 ? parts[1] : "";
                if (_options.User is null || user != _options.User || password != _options.Password)
                {
                    var error = new NodeError(ErrorCode.BadCredentials, $"Provided username {user} and/or password are incorrect");
                    request.Run = () => SendErrorAsync(stream, error);
                }
                else
                {
                    _authenticated = true;
                    request.Run = () => SendAsync(stream, Opcode.AuthSuccess, w => w.WriteBytes((byte[]?)null));
                }
                break;
            }
            case Opcode.Register:
            {
                var events = reader.ReadStringList();
                foreach (var e in events)
                    if (e is not ("TOPOLOGY_CHANGE" or "STATUS_CHANGE" or "SCHEMA_CHANGE"))
                        throw new Synced.Cql.Protocol.CqlProtocolException($"Invalid value '{e}' for Type");
                if (events.Contains("SCHEMA_CHANGE")) WantsSchemaEvents = true;
                request.Run = () => SendAsync(stream, Opcode.Ready, _ => { });
                break;
            }
            case Opcode.Query:
            {
                var query = reader.ReadLongString();
                var parameters = QueryParameters.Read(ref reader);
                var keyspace = _keyspace;
                request.Info = new CqlRequestInfo(Opcode.Query, query, keyspace, Id);
                request.Run = () =>
                {
                    var statement = CqlParser.Parse(query);
                    var ctx = Context(statement, parameters, keyspace, prepared: false);
                    var result = _node.Execute(statement, ctx);
                    if (result is SetKeyspaceResult ks) _keyspace = ks.Keyspace;
                    return SendResultAsync(stream, result, skipMetadata: false);
                };
                break;
            }
            case Opcode.Prepare:
            {
                var query = reader.ReadLongString();
                var keyspace = _keyspace;
                request.Info = new CqlRequestInfo(Opcode.Prepare, query, keyspace, Id);
                request.Run = () => SendResultAsync(stream, new PreparedStatementResult(_node.Prepare(query, keyspace)), skipMetadata: false);
                break;
            }
            case Opcode.Execute:
            {
                var id = reader.ReadShortBytes();
                var parameters = QueryParameters.Read(ref reader);
                var prepared = _node.FindPrepared(id);
                request.PreparedId = id;
                request.Info = new CqlRequestInfo(Opcode.Execute, prepared?.Query, _keyspace, Id);
                request.Run = () =>
                {
                    if (prepared is null) throw new UnpreparedException(id);
                    var ctx = Context(prepared.Statement, parameters, prepared.Keyspace ?? _keyspace, prepared: true);
                    var result = _node.Execute(prepared.Statement, ctx);
                    return SendResultAsync(stream, result, parameters.SkipMetadata && result is RowsResult && prepared.ResultColumns is not null);
                };
                break;
            }
            case Opcode.Batch:
            {
                var batch = BatchRequest.Read(ref reader);
                var keyspace = _keyspace;
                var entries = new List<(CqlStatement, StatementContext)>();
                var texts = new List<string>();
                byte[]? missing = null;
                foreach (var entry in batch.Entries)
                {
                    CqlStatement statement;
                    string? ks = keyspace;
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
                    entries.Add((statement, Context(statement, entry.Values, null, ks, entry.PreparedId is not null)));
                }
                request.PreparedId = missing;
                request.Info = new CqlRequestInfo(Opcode.Batch, string.Join("; ", texts), keyspace, Id);
                request.Run = () =>
                {
                    if (missing is not null) throw new UnpreparedException(missing);
                    var kind = (BatchKind)(byte)batch.Type;
                    return SendResultAsync(stream, _node.ExecuteBatch(kind, entries, batch.DefaultTimestamp), skipMetadata: false);
                };
                break;
            }
            default:
                throw new Synced.Cql.Protocol.CqlProtocolException($"Unknown or unexpected opcode 0x{(byte)frame.Opcode:x2} in a request");
        }
        return request;
    }

    private static StatementContext Context(CqlStatement statement, QueryParameters parameters, string? keyspace, bool prepared)
    {
        var ctx = Context(statement, parameters.Values ?? Array.Empty<object?>(), parameters.ValueNames, keyspace, prepared);
        ctx.PageSize = parameters.PageSize ?? 0;
        ctx.PagingState = parameters.PagingState;
        ctx.DefaultTimestamp = parameters.DefaultTimestamp;
        return ctx;
    }

    private static StatementContext Context(CqlStatement statement, IReadOnlyList<object?> raw, IReadOnlyList<string>? names, string? keyspace, bool prepared)
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
            var value = raw[i] is RawValue rv ? rv : RawValue.Null;
            values[index] = value.IsUnset ? StatementContext.Unset : value.IsNull ? null : value.Bytes.ToArray();
            // Every marker with the same name receives the value.
            if (names is not null)
                for (var j = index + 1; j < statement.MarkerNames.Count; j++)
                    if (statement.MarkerNames[j] == statement.MarkerNames[index]) values[j] = values[index];
        }
        return new StatementContext(keyspace, values, CassandraNode.NowInSeconds());
    }

    private Task SendResultAsync(short stream, StatementResult result, bool skipMetadata)
        => SendAsync(stream, Opcode.Result, w => ResponseWriter.WriteResult(w, result, skipMetadata));

    private Task SendErrorAsync(short stream, NodeError error)
        => SendAsync(stream, Opcode.Error, w => ResponseWriter.WriteError(w, error));

    public Task SendSchemaEventAsync(SchemaChangeResult change)
        => SendAsync(-1, Opcode.Event, w =>
        {
            w.WriteString("SCHEMA_CHANGE");
            ResponseWriter.WriteSchemaChange(w, change);
        });

    private async Task SendAsync(short stream, Opcode opcode, Action<FrameWriter> writeBody)
    {
        using var writer = new FrameWriter(512);
        writer.BeginFrame(FrameHeader.Response(stream, opcode));
        writeBody(writer);
        writer.EndFrame();
        await _writeLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(writer.WrittenMemory, _closing.Token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _closing.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        await _stream.DisposeAsync().ConfigureAwait(false);
        // Let running requests observe the cancellation before the token source goes away.
        for (var i = 0; i < 50 && Volatile.Read(ref _inFlight) > 0; i++) await Task.Delay(10).ConfigureAwait(false);
        _closing.Dispose();
    }
}
