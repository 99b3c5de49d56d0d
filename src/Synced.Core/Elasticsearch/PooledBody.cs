using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// A response body read straight from the HTTP stream into a buffer of the shared array pool: no copy through the
/// client's memory streams and no large array left for the garbage collector (scan pages and bulk answers are
/// hundreds of kilobytes). Dispose it to hand the buffer back, after the last use of <see cref="Memory"/>.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private const int FirstBufferSize = 16 * 1024;

    private byte[]? _buffer;
    private readonly int _length;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Memory => new(_buffer ?? throw new ObjectDisposedException(nameof(PooledBody)), 0, _length);

    /// <summary>A copy of the body, for the rare answers kept beyond the request (errors).</summary>
    public byte[] ToArray() => Memory.ToArray();

    /// <summary>A pooled array twice as large holding the first <paramref name="length"/> bytes; the full one goes back to the pool.</summary>
    private static byte[] Grow(byte[] full, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(full.Length * 2);
        Buffer.BlockCopy(full, 0, larger, 0, length);
        ArrayPool<byte>.Shared.Return(full);
        return larger;
    }

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    public static async Task<PooledBody> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length) buffer = Grow(buffer, length);
                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, synchronously.</summary>
    public static PooledBody Read(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length) buffer = Grow(buffer, length);
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The client's answer type for a pooled body (<see cref="Builder"/> fills it).</summary>
    internal sealed class Response : ElasticsearchResponse<PooledBody?>
    {
        internal void Take(PooledBody body) => Body = body;
    }

    /// <summary>Has the client hand over the raw response stream, which it reads into a pooled body.</summary>
    internal sealed class Builder : CustomResponseBuilderBase
    {
        public static readonly Builder Instance = new();

        public override object DeserializeResponse(IElasticsearchSerializer builtInSerializer, IApiCallDetails response, Stream stream)
        {
            var answer = new Response();
            answer.Take(Read(stream));
            return answer;
        }

        public override async Task<object> DeserializeResponseAsync(IElasticsearchSerializer builtInSerializer, IApiCallDetails response, Stream stream, CancellationToken ctx = default)
        {
            var answer = new Response();
            answer.Take(await ReadAsync(stream, ctx).ConfigureAwait(false));
            return answer;
        }
    }
}
