using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Cql.Bench;

/// <summary>
/// The least a node must do for the client: handshake, the system tables read at connect, PREPARE, and VOID for
/// every statement. Answers are coalesced per read, so the client's own cost dominates the measurement.
/// </summary>
internal sealed class LoopbackNode : IAsyncDisposable
{
    private static readonly string[] CqlVersions = ["3.4.5"];
    private static readonly string[] Tokens = ["0"];

    private static readonly PreparedResult Prepared = new(new byte[] { 1, 2, 3, 4 },
        new RowsMetadata(new[] { new ColumnSpec("ks", "t", "k", CqlType.Int), new ColumnSpec("ks", "t", "v", CqlType.Text) }, 2, null, new[] { 0 }),
        new RowsMetadata(Array.Empty<ColumnSpec>()));

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackNode()
    {
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public long Statements;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var input = new byte[1 << 20];
        var filled = 0;
        using var output = new FrameWriter(1 << 16);
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(input.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var offset = 0;
                output.Reset();
                while (filled - offset >= FrameHeader.Size)
                {
                    var header = FrameHeader.Parse(input.AsSpan(offset));
                    if (filled - offset < FrameHeader.Size + header.BodyLength)
                    {
                        break;
                    }

                    Answer(header, new ReadOnlyMemory<byte>(input, offset + FrameHeader.Size, header.BodyLength), output);
                    offset += FrameHeader.Size + header.BodyLength;
                }

                Buffer.BlockCopy(input, offset, input, 0, filled - offset);
                filled -= offset;
                if (output.Length > 0)
                {
                    await socket.SendAsync(output.WrittenMemory, SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception)
        {
            socket.Dispose();
        }
    }

    private void Answer(FrameHeader request, ReadOnlyMemory<byte> body, FrameWriter output)
    {
        var stream = request.StreamId;
        switch (request.Opcode)
        {
            case Opcode.Options:
                output.BeginFrame(FrameHeader.Response(stream, Opcode.Supported));
                output.WriteStringMultimap(new[] { new KeyValuePair<string, IReadOnlyList<string>>(StartupOptions.CqlVersion, CqlVersions) });
                break;
            case Opcode.Startup:
            case Opcode.Register:
                output.BeginFrame(FrameHeader.Response(stream, Opcode.Ready));
                break;
            case Opcode.Prepare:
                output.BeginFrame(FrameHeader.Response(stream, Opcode.Result));
                Prepared.WriteTo(output);
                break;
            case Opcode.Query:
            {
                var reader = new FrameReader(body);
                var query = reader.ReadLongString();
                output.BeginFrame(FrameHeader.Response(stream, Opcode.Result));
                if (query.StartsWith("SELECT * FROM system.local", StringComparison.Ordinal))
                {
                    output.WriteInt((int)ResultKind.Rows);
                    new RowsMetadata(new[] { new ColumnSpec("system", "local", "data_center", CqlType.Text), new ColumnSpec("system", "local", "tokens", CqlType.Set(CqlType.Text)) })
                        .WriteTo(output, withPartitionKeyIndices: false);
                    output.WriteInt(1);
                    output.WriteValue(CqlType.Text, "dc1");
                    output.WriteValue(CqlType.Set(CqlType.Text), Tokens);
                }
                else if (query.StartsWith("SELECT", StringComparison.Ordinal))
                {
                    output.WriteInt((int)ResultKind.Rows);
                    new RowsMetadata(Array.Empty<ColumnSpec>()).WriteTo(output, withPartitionKeyIndices: false);
                    output.WriteInt(0);
                }
                else
                {
                    Interlocked.Increment(ref Statements);
                    output.WriteInt((int)ResultKind.Void);
                }

                break;
            }

            default:
                Interlocked.Increment(ref Statements);
                output.BeginFrame(FrameHeader.Response(stream, Opcode.Result));
                output.WriteInt((int)ResultKind.Void);
                break;
        }

        output.EndFrame();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return default;
    }
}
