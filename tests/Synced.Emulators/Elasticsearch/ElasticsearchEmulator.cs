using System;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>An in-memory, single-node Elasticsearch serving the REST API over HTTP.</summary>
public sealed class ElasticsearchEmulator : IAsyncDisposable
{
    private ElasticsearchEmulator() { }

    /// <summary>Base address of the node, e.g. http://127.0.0.1:19200/.</summary>
    public Uri Uri { get; private set; } = new Uri("http://127.0.0.1/");

    /// <summary>Starts a node; returns once it accepts requests.</summary>
    public static Task<ElasticsearchEmulator> StartAsync(ElasticsearchEmulatorOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("the Elasticsearch emulator is being written (issue 4)");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => default;
}
