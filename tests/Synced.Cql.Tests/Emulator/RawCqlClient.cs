using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Xunit;

namespace Synced.Cql.Tests.Emulator;

/// <summary>A bare CQL v4 client on a socket, for tests that need control over how a connection ends.</summary>
internal static class RawCqlClient
{
    /// <summary>Bound for every send and receive.</summary>
    public static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(10);

    public static async Task<Socket> ConnectAndStartAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        await SendAsync(socket, Opcode.Startup, w => w.WriteStringMap(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }));
        var header = FrameHeader.ParseV4(await ReceiveExactlyAsync(socket, FrameHeader.Size), expectResponse: true);
        Assert.Equal(Opcode.Ready, header.Opcode);
        Assert.Equal(0, header.BodyLength);
        return socket;
    }

    public static Task SendQueryAsync(Socket socket, string query) => SendAsync(socket, Opcode.Query, w =>
    {
        w.WriteLongString(query);
        w.WriteShort((ushort)Consistency.One);
        w.WriteByte(0);
    });

    private static async Task SendAsync(Socket socket, Opcode opcode, Action<FrameWriter> body)
    {
        using var writer = new FrameWriter(256);
        writer.BeginFrame(FrameHeader.Request(1, opcode));
        body(writer);
        writer.EndFrame();
        using var timeout = new CancellationTokenSource(IoTimeout);
        await socket.SendAsync(writer.WrittenMemory, SocketFlags.None, timeout.Token);
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(IoTimeout);
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0) throw new InvalidOperationException($"The emulator closed the connection after {read} of {count} bytes.");
            read += n;
        }

        return buffer;
    }

    public static void Close(Socket socket, bool reset)
    {
        // A zero linger timeout makes Close send a reset instead of a graceful FIN.
        if (reset) socket.LingerState = new LingerOption(true, 0);
        socket.Dispose();
    }

    /// <summary>Reads (and drops) whatever the node still sent, until it closes the connection; fails after the I/O timeout.</summary>
    public static async Task AssertClosedByServerAsync(Socket socket) => await ReadUntilClosedAsync(socket);

    /// <summary>
    /// Reads until the node closes the connection (FIN or reset) and returns how many bytes came before; an
    /// <see cref="OperationCanceledException"/> after the I/O timeout means the node left the connection open.
    /// </summary>
    public static async Task<int> ReadUntilClosedAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var total = 0;
        using var timeout = new CancellationTokenSource(IoTimeout);
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) total += n;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with a reset: also closed by the node.
        }

        return total;
    }
}
