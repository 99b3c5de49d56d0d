using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Protocol;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>
/// A minimal CQL v4 client for the emulator's own tests, built on the emulator's wire primitives (themselves proven
/// against tests/vectors): one request at a time, events kept aside. Enough to drive a node without Synced.Cql.
/// </summary>
internal sealed class TestCqlClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly Socket _socket;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private TestCqlClient(Socket socket) { _socket = socket; }

    /// <summary>EVENT bodies received (stream -1), oldest first.</summary>
    public ConcurrentQueue<TestResponse> Events { get; } = new();

    public static async Task<TestCqlClient> ConnectAsync(IPEndPoint endPoint, string? keyspace = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        var client = new TestCqlClient(socket);
        var ready = await client.SendAsync(CqlOpcode.Startup, w => w.WriteStringMap(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }));
        if (ready.Opcode != CqlOpcode.Ready) throw new InvalidOperationException($"STARTUP answered {ready.Opcode}");
        if (keyspace is not null) (await client.QueryAsync($"USE {keyspace}")).ThrowIfError();
        return client;
    }

    public Task<TestResponse> QueryAsync(string cql, ConsistencyLevel consistency = ConsistencyLevel.One, bool tracing = false, int? pageSize = null,
        byte[]? pagingState = null, IReadOnlyList<byte[]?>? values = null)
        => SendAsync(CqlOpcode.Query, w =>
        {
            w.WriteLongString(cql);
            WriteOptions(w, consistency, pageSize, pagingState, values);
        }, tracing ? FrameHeader.TracingFlag : (byte)0);

    public async Task<byte[]> PrepareAsync(string cql)
    {
        var response = (await SendAsync(CqlOpcode.Prepare, w => w.WriteLongString(cql))).ThrowIfError();
        var r = response.Reader();
        r.ReadInt(); // kind
        return r.ReadShortBytes();
    }

    public Task<TestResponse> ExecuteAsync(byte[] id, IReadOnlyList<byte[]?> values, ConsistencyLevel consistency = ConsistencyLevel.One, bool tracing = false,
        int? pageSize = null, byte[]? pagingState = null)
        => SendAsync(CqlOpcode.Execute, w =>
        {
            w.WriteShortBytes(id);
            WriteOptions(w, consistency, pageSize, pagingState, values);
        }, tracing ? FrameHeader.TracingFlag : (byte)0);

    /// <summary>A BATCH message of CQL texts without values.</summary>
    public Task<TestResponse> BatchAsync(byte type, IReadOnlyList<string> statements, ConsistencyLevel consistency = ConsistencyLevel.One)
        => SendAsync(CqlOpcode.Batch, w =>
        {
            w.WriteByte(type);
            w.WriteShort((ushort)statements.Count);
            foreach (var s in statements)
            {
                w.WriteByte(0);
                w.WriteLongString(s);
                w.WriteShort(0);
            }
            w.WriteConsistency(consistency);
            w.WriteByte(0);
        });

    public Task<TestResponse> RegisterAsync(params string[] events) => SendAsync(CqlOpcode.Register, w => w.WriteStringList(events));

    private static void WriteOptions(WireWriter w, ConsistencyLevel consistency, int? pageSize, byte[]? pagingState, IReadOnlyList<byte[]?>? values)
    {
        w.WriteConsistency(consistency);
        byte flags = 0;
        if (values is { Count: > 0 }) flags |= QueryOptions.ValuesFlag;
        if (pageSize is not null) flags |= QueryOptions.PageSizeFlag;
        if (pagingState is not null) flags |= QueryOptions.PagingStateFlag;
        w.WriteByte(flags);
        if (values is { Count: > 0 })
        {
            w.WriteShort((ushort)values.Count);
            foreach (var v in values) w.WriteBytes(v);
        }
        if (pageSize is { } size) w.WriteInt(size);
        if (pagingState is not null) w.WriteBytes(pagingState);
    }

    public async Task<TestResponse> SendAsync(CqlOpcode opcode, Action<WireWriter> body, byte flags = 0)
    {
        await _gate.WaitAsync();
        try
        {
            var w = new WireWriter();
            w.BeginFrame(new FrameHeader(FrameHeader.Version, false, flags, 1, opcode, 0));
            body(w);
            w.EndFrame();
            using var timeout = new CancellationTokenSource(Timeout);
            await _socket.SendAsync(w.Written, SocketFlags.None, timeout.Token);
            while (true)
            {
                var response = await ReceiveAsync(timeout.Token);
                if (response.Header.StreamId == -1) Events.Enqueue(response);
                else return response;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the next EVENT frame (or returns one already received).</summary>
    public async Task<TestResponse> NextEventAsync(TimeSpan? within = null)
    {
        if (Events.TryDequeue(out var queued)) return queued;
        await _gate.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(within ?? Timeout);
            while (true)
            {
                var response = await ReceiveAsync(timeout.Token);
                if (response.Header.StreamId == -1) return response;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<TestResponse> ReceiveAsync(CancellationToken cancellationToken)
    {
        var header = FrameHeader.Read(await ReadExactlyAsync(FrameHeader.Size, cancellationToken));
        return new TestResponse(header, await ReadExactlyAsync(header.BodyLength, cancellationToken));
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        for (var read = 0; read < count;)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0) throw new InvalidOperationException($"The node closed the connection after {read} of {count} bytes.");
            read += n;
        }
        return buffer;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A response frame with helpers to read RESULT rows and ERROR bodies.</summary>
internal sealed class TestResponse
{
    public TestResponse(FrameHeader header, byte[] body)
    {
        Header = header;
        Body = body;
        var r = new WireReader(body);
        if (header.HasFlag(FrameHeader.TracingFlag)) TracingId = r.ReadUuid();
        if (header.HasFlag(FrameHeader.WarningFlag)) Warnings = r.ReadStringList();
        Offset = body.Length - r.Remaining;
    }

    public FrameHeader Header { get; }
    public byte[] Body { get; }
    public CqlOpcode Opcode => Header.Opcode;
    public Guid? TracingId { get; }
    public IReadOnlyList<string> Warnings { get; } = Array.Empty<string>();
    /// <summary>Where the message proper starts in the body (after the tracing id and warnings).</summary>
    public int Offset { get; }

    public WireReader Reader() => new(Body.AsSpan(Offset));

    public bool IsError => Opcode == CqlOpcode.Error;

    public CqlErrorCode ErrorCode => IsError ? (CqlErrorCode)Reader().ReadInt() : throw new InvalidOperationException("not an error");

    public string ErrorMessage
    {
        get
        {
            var r = Reader();
            r.ReadInt();
            return r.ReadString();
        }
    }

    /// <summary>Unavailable's (consistency, required, alive).</summary>
    public (ConsistencyLevel Consistency, int Required, int Alive) Unavailable
    {
        get
        {
            var r = Reader();
            if ((CqlErrorCode)r.ReadInt() != CqlErrorCode.Unavailable) throw new InvalidOperationException("not Unavailable");
            r.ReadString();
            return (r.ReadConsistency(), r.ReadInt(), r.ReadInt());
        }
    }

    public TestResponse ThrowIfError()
    {
        if (IsError) throw new InvalidOperationException($"ERROR {ErrorCode}: {ErrorMessage}");
        return this;
    }

    /// <summary>The rows of a RESULT Rows as column name → value, and the paging state.</summary>
    public (List<Dictionary<string, byte[]?>> Rows, byte[]? PagingState) Rows(IReadOnlyList<string>? knownColumns = null)
    {
        ThrowIfError();
        var r = Reader();
        if (r.ReadInt() != 0x0002) throw new InvalidOperationException("not a Rows result");
        var flags = r.ReadInt();
        var count = r.ReadInt();
        var paging = (flags & 0x0002) != 0 ? r.ReadBytes() : null;
        var names = new List<string>();
        if ((flags & 0x0004) == 0)
        {
            var global = (flags & 0x0001) != 0;
            if (global) { r.ReadString(); r.ReadString(); }
            for (var i = 0; i < count; i++)
            {
                if (!global) { r.ReadString(); r.ReadString(); }
                names.Add(r.ReadString());
                SkipOption(ref r);
            }
        }
        else names.AddRange(knownColumns ?? throw new InvalidOperationException("no metadata and no column names"));
        var rows = new List<Dictionary<string, byte[]?>>();
        var n = r.ReadInt();
        for (var i = 0; i < n; i++)
        {
            var row = new Dictionary<string, byte[]?>();
            foreach (var name in names) row[name] = r.ReadBytes();
            rows.Add(row);
        }
        return (rows, paging);
    }

    /// <summary>The result column names and their [option] ids (custom types with their class name).</summary>
    public List<(string Name, ushort Type, string? Custom)> Columns()
    {
        var r = Reader();
        r.ReadInt();
        var flags = r.ReadInt();
        var count = r.ReadInt();
        if ((flags & 0x0002) != 0) r.ReadBytes();
        var global = (flags & 0x0001) != 0;
        if (global) { r.ReadString(); r.ReadString(); }
        var columns = new List<(string, ushort, string?)>();
        for (var i = 0; i < count; i++)
        {
            if (!global) { r.ReadString(); r.ReadString(); }
            var name = r.ReadString();
            var id = r.ReadShort();
            string? custom = null;
            if (id == 0) custom = r.ReadString();
            else SkipOptionBody(ref r, id);
            columns.Add((name, id, custom));
        }
        return columns;
    }

    private static void SkipOption(ref WireReader r) => SkipOptionBody(ref r, r.ReadShort());

    private static void SkipOptionBody(ref WireReader r, ushort id)
    {
        switch (id)
        {
            case 0x0000: r.ReadString(); break;
            case 0x0020: case 0x0022: SkipOption(ref r); break;
            case 0x0021: SkipOption(ref r); SkipOption(ref r); break;
            case 0x0030:
                r.ReadString(); r.ReadString();
                var fields = r.ReadShort();
                for (var i = 0; i < fields; i++) { r.ReadString(); SkipOption(ref r); }
                break;
            case 0x0031:
                var n = r.ReadShort();
                for (var i = 0; i < n; i++) SkipOption(ref r);
                break;
        }
    }
}
