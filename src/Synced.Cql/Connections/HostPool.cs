using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;

namespace Synced.Cql.Connections;

/// <summary>
/// The connections to one node: up to <see cref="CqlClusterOptions.ConnectionsPerHost"/>, requests going to the
/// least busy. A node that cannot be reached is marked down and retried in the background with exponential backoff;
/// meanwhile requests for it fail fast so the load balancer moves on.
/// </summary>
internal sealed class HostPool : IDisposable
{
    private readonly CqlHost _host;
    private readonly CqlClusterOptions _options;
    private readonly Action<ServerEvent>? _onEvent;
    private readonly object _lock = new();
    private readonly List<CqlConnection> _connections = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<CqlConnection>? _opening;
    private int _failures;
    private DateTime _nextAttemptUtc = DateTime.MinValue;
    private Exception? _lastError;
    private bool _reconnectScheduled;

    public HostPool(CqlHost host, CqlClusterOptions options, Action<ServerEvent>? onEvent = null)
    {
        _host = host;
        _options = options;
        _onEvent = onEvent;
    }

    public CqlHost Host => _host;

    /// <summary>Open connections.</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>A connection to send on, opening one if none is open.</summary>
    public Task<CqlConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        CqlConnection? best = null;
        bool growPool;
        lock (_lock)
        {
            foreach (var connection in _connections)
            {
                if (!connection.IsClosed && (best == null || connection.InFlight < best.InFlight))
                {
                    best = connection;
                }
            }

            growPool = _connections.Count < _options.ConnectionsPerHost && _opening == null && DateTime.UtcNow >= _nextAttemptUtc;
        }

        if (best != null)
        {
            if (growPool && best.InFlight > 0)
            {
                OpenAsync(CancellationToken.None).Forget();
            }

            return Task.FromResult(best);
        }

        lock (_lock)
        {
            if (DateTime.UtcNow < _nextAttemptUtc && _lastError != null)
            {
                return Task.FromException<CqlConnection>(new CqlConnectionException(_host.Address,
                    $"the node is marked down after {_failures} failed attempts (next at {_nextAttemptUtc:HH:mm:ss.fff} UTC); last error: {_lastError.Message}", _lastError));
            }
        }

        return OpenAsync(cancellationToken);
    }

    /// <summary>Opens one connection (one at a time per node).</summary>
    public Task<CqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Task<CqlConnection> opening;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return Task.FromException<CqlConnection>(new ObjectDisposedException("CqlSession"));
            }

            opening = _opening ??= OpenOneAsync();
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(opening, cancellationToken) : opening;
    }

    private static async Task<CqlConnection> WaitAsync(Task<CqlConnection> task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return await task.ConfigureAwait(false);
    }

    private async Task<CqlConnection> OpenOneAsync()
    {
        try
        {
            var connection = await CqlConnection.OpenAsync(_host.EndPoint, _host.TlsServerName, _options, _onEvent, _disposed.Token).ConfigureAwait(false);
            connection.Closed += OnClosed;
            lock (_lock)
            {
                _connections.Add(connection);
                _failures = 0;
                _nextAttemptUtc = DateTime.MinValue;
                _lastError = null;
                _opening = null;
                _host.IsUp = true;
            }

            if (connection.IsClosed)
            {
                OnClosed(connection);
            }

            return connection;
        }
        catch (Exception ex)
        {
            bool scheduleReconnect;
            lock (_lock)
            {
                _opening = null;
                _failures++;
                _lastError = ex;
                _nextAttemptUtc = DateTime.UtcNow + ReconnectBackoff.After(_failures, _options);
                if (_connections.Count == 0)
                {
                    _host.IsUp = false;
                }

                scheduleReconnect = _connections.Count == 0 && !_reconnectScheduled && ex is not CqlAuthenticationException && ex is not BadCredentialsException;
                _reconnectScheduled |= scheduleReconnect;
            }

            if (scheduleReconnect)
            {
                _ = ReconnectLaterAsync();
            }

            throw;
        }
    }

    private async Task ReconnectLaterAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            TimeSpan wait;
            lock (_lock)
            {
                wait = _nextAttemptUtc - DateTime.UtcNow;
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _disposed.Token).ConfigureAwait(false);
                }

                await OpenAsync(CancellationToken.None).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                // The failure is recorded by OpenOneAsync (it is what callers see); wait for the next slot.
            }
        }

        lock (_lock)
        {
            _reconnectScheduled = false;
        }
    }

    private void OnClosed(CqlConnection connection)
    {
        bool reconnect;
        lock (_lock)
        {
            _connections.Remove(connection);
            reconnect = _connections.Count == 0 && !_disposed.IsCancellationRequested && !_reconnectScheduled;
            if (reconnect)
            {
                // A lost connection is reopened at once; backoff only starts when opening fails.
                _lastError = connection.CloseReason;
                _nextAttemptUtc = DateTime.MinValue;
                _reconnectScheduled = true;
            }
        }

        if (reconnect)
        {
            _ = ReconnectLaterAsync();
        }
    }

    public void Dispose()
    {
        List<CqlConnection> connections;
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            connections = new List<CqlConnection>(_connections);
            _connections.Clear();
        }

        foreach (var connection in connections)
        {
            connection.Closed -= OnClosed;
            connection.Close();
        }
    }
}
