using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;

namespace Synced.Cql.Connections;

// Frame I/O: one writer loop coalescing queued frames into few socket writes, one reader loop cutting the byte stream into frames.
internal sealed partial class CqlConnection
{
    private const int ReadBufferSize = 64 * 1024;
    private const int CoalesceLimit = 64 * 1024;
    private readonly Channel<FrameWriter> _outgoing = Channel.CreateUnbounded<FrameWriter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private int _readStart;
    private int _readEnd;

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
        catch (Exception ex) when (ex is not OperationCanceledException || !_closing.IsCancellationRequested)
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
}
