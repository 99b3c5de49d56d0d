using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Answers read into pooled buffers: every byte, whatever the size and however the stream hands them out.</summary>
public class PooledBodyTests
{
    /// <summary>A stream that hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        public TrickleStream(byte[] data) : base(data) { }

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => base.ReadAsync(buffer, offset, Math.Min(count, 7), cancellationToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public async Task Every_byte_is_read_in_order(int size)
    {
        var data = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

        using var fromAsync = await PooledBody.ReadAsync(new TrickleStream(data), CancellationToken.None);
        using var fromSync = PooledBody.Read(new MemoryStream(data));

        Assert.Equal(data, fromAsync.Memory.ToArray());
        Assert.Equal(data, fromSync.ToArray());
    }

    [Fact]
    public void A_disposed_body_cannot_be_read_and_disposing_twice_is_harmless()
    {
        var body = PooledBody.Read(new MemoryStream(new byte[] { 1, 2, 3 }));

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }
}
