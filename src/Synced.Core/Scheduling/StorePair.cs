using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Stores;

namespace Synced.Core.Scheduling;

/// <summary>
/// The two open stores the runs of a loop share: connected on first use, kept from run to run, and dropped
/// after a run that failed on an error so the next run connects afresh (a cluster restarted, a node replaced).
/// </summary>
public sealed class StorePair : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)>> _connect;
    private (ISyncStore Cassandra, ISyncStore Elasticsearch)? _open;

    /// <summary>Creates a pair that connects with <paramref name="connect"/>.</summary>
    public StorePair(Func<CancellationToken, Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)>> connect)
        => _connect = connect ?? throw new ArgumentNullException(nameof(connect));

    /// <summary>How many times the pair connected (1 while the first connection holds).</summary>
    public int Connections { get; private set; }

    /// <summary>True while both stores are open.</summary>
    public bool IsOpen => _open is not null;

    /// <summary>The open stores, connecting first when none are.</summary>
    /// <exception cref="Connections.SyncConnectionException">A cluster cannot be used.</exception>
    public async Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)> GetAsync(CancellationToken cancellationToken)
    {
        if (_open is { } open) return open;
        var connected = await _connect(cancellationToken).ConfigureAwait(false);
        _open = connected;
        Connections++;
        return connected;
    }

    /// <summary>Closes the stores; the next <see cref="GetAsync"/> connects again.</summary>
    public async Task ResetAsync()
    {
        if (_open is not { } open) return;
        _open = null;
        try
        {
            await open.Cassandra.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await open.Elasticsearch.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ResetAsync().ConfigureAwait(false);
}
