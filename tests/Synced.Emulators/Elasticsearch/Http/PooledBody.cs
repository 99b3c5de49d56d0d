using System;
using System.Buffers;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// A response body written into pooled arrays: a search page or a bulk answer is hundreds of kilobytes, which a
/// growing array would allocate several times over on the large-object heap, per request. Returned to the pool
/// once the body is sent (<see cref="RestResponse.ReleaseBody"/>).
/// </summary>
internal sealed class PooledBody : IBufferWriter<byte>
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;

    /// <summary>The array written so far (from 0), which the caller now owns.</summary>
    public byte[] Buffer => _buffer;

    public int Written => _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_buffer.Length - _written >= sizeHint) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
