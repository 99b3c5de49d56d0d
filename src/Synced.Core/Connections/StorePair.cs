using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Stores;

namespace Synced.Core.Connections;

/// <summary>
/// The two stores of one keyspace and index, for work that holds them a while (the runs of a loop, a pipeline of
/// differences): connected on first use, kept from use to use, and dropped by <see cref="ResetAsync"/> (after a
/// run that failed on an error) so the next use connects afresh (a cluster restarted, a node replaced).
/// <see cref="StoreConnector.Pair"/> makes one.
/// </summary>
public sealed class StorePair : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)>> _connect;
    private (ISyncStore Cassandra, ISyncStore Elasticsearch)? _open;

    /// <summary>Creates a pair that connects with <paramref name="connect"/>.</summary>
    /// <param name="connect">Opens both stores.</param>
    /// <param name="description">Where the stores are, for messages (e.g. <c>Cassandra at db1:9042 and Elasticsearch at http://es1:9200</c>).</param>
    internal StorePair(Func<CancellationToken, Task<(ISyncStore Cassandra, ISyncStore Elasticsearch)>> connect, string description = "both clusters")
    {
        _connect = connect ?? throw new ArgumentNullException(nameof(connect));
        Description = description;
    }

    /// <summary>Where the stores are, for messages.</summary>
    public string Description { get; }

    /// <summary>How many times the pair connected (1 while the first connection holds).</summary>
    public int Connections { get; private set; }

    /// <summary>True while both stores are open.</summary>
    public bool IsOpen => _open is not null;

    /// <summary>The open stores, connecting first when none are.</summary>
    /// <exception cref="ConnectionFailureException">A cluster cannot be used.</exception>
    /// <exception cref="InvalidSettingException">A setting cannot be used.</exception>
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
