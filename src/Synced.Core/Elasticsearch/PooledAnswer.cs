using System;

namespace Synced.Core.Elasticsearch;

/// <summary>The answer to one REST request with its body in a pooled buffer: read it, then dispose the answer.</summary>
internal sealed class PooledAnswer : IDisposable
{
    private readonly PooledBody? _body;

    public PooledAnswer(int status, PooledBody? body)
    {
        Status = status;
        _body = body;
    }

    public int Status { get; }

    public bool IsSuccess => Status >= 200 && Status < 300;

    /// <summary>The body (empty when there was none); valid until disposed.</summary>
    public ReadOnlyMemory<byte> Body => _body?.Memory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The answer with a copy of its body, for error reports that outlive it.</summary>
    public ApiAnswer ToAnswer() => new(Status, _body?.ToArray() ?? Array.Empty<byte>());

    /// <inheritdoc />
    public void Dispose() => _body?.Dispose();
}
