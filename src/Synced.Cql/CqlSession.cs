using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Connections;
using Synced.Cql.Errors;

namespace Synced.Cql;

/// <summary>
/// A connection to a whole Cassandra cluster (the one object an application needs): it discovers the nodes,
/// keeps a small pool of multiplexed connections per node, routes each statement (token-aware, then DC-aware
/// round robin), retries what is safe to retry, pages results, and exposes schema and token ring metadata.
/// Thread-safe; create one per cluster and dispose it at the end.
/// </summary>
/// <remarks>
/// One file per concern: this one connects and disposes; CqlSession.Topology (control connection, events, ring,
/// replicas), CqlSession.Execution (plan, retries, paging, results), CqlSession.Preparation (the prepared
/// statement cache) and CqlSession.Metadata (schema and schema agreement).
/// </remarks>
public sealed partial class CqlSession : IAsyncDisposable, IDisposable
{
    private readonly CqlClusterOptions _options;
    private readonly LoadBalancer _balancer = new();
    private readonly ConcurrentDictionary<IPEndPoint, HostPool> _pools = new();
    private readonly CancellationTokenSource _disposed = new();
    private volatile string? _keyspace;

    private CqlSession(CqlClusterOptions options)
    {
        _options = options;
        _keyspace = options.Keyspace;
    }

    /// <summary>The keyspace statements run in (from the options or the last USE).</summary>
    public string? Keyspace => _keyspace;

    /// <summary>The data center whose nodes are preferred.</summary>
    public string? LocalDataCenter => _balancer.LocalDataCenter;

    public CqlClusterOptions Options => _options;

    /// <summary>
    /// Connects to the first reachable contact point, reads the cluster's nodes and opens connections.
    /// Throws <see cref="NoHostAvailableException"/> when no contact point can be used, and authentication
    /// errors as they are.
    /// </summary>
    public static async Task<CqlSession> ConnectAsync(CqlClusterOptions options, CancellationToken cancellationToken = default)
    {
        var session = new CqlSession(options.Validate());
        try
        {
            await session.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        var contacts = new List<CqlHost>();
        foreach (var contactPoint in _options.ContactPoints)
        {
            var (host, port) = ContactPoint.Parse(contactPoint, _options.Port);
            IPEndPoint[] endPoints;
            try
            {
                endPoints = await ContactPoint.ResolveAsync(host, port).ConfigureAwait(false);
            }
            catch (CqlConnectionException ex)
            {
                errors[$"{host}:{port}"] = ex;
                continue;
            }

            var isName = !IPAddress.TryParse(host, out _);
            foreach (var endPoint in endPoints)
            {
                if (contacts.All(c => !c.EndPoint.Equals(endPoint)))
                {
                    contacts.Add(new CqlHost(endPoint) { TlsServerName = _options.Tls?.ServerName ?? (isName ? host : null) });
                }
            }
        }

        foreach (var contact in contacts)
        {
            try
            {
                _control = await CqlConnection.OpenAsync(contact.EndPoint, contact.TlsServerName, _options, HandleEvent, cancellationToken).ConfigureAwait(false);
                _controlHost = contact;
                break;
            }
            catch (Exception ex) when (ex is BadCredentialsException || ex is CqlAuthenticationException || ex is CqlTlsException)
            {
                // Other nodes would refuse the same credentials or certificate: report this at once.
                throw;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                errors[contact.Address] = ex;
            }
        }

        if (_control == null || _controlHost == null)
        {
            throw new NoHostAvailableException(errors);
        }

        _control.Closed += OnControlClosed;
        await RegisterForEventsAsync(_control, cancellationToken).ConfigureAwait(false);
        _hosts = contacts.ToArray();
        await RefreshTopologyAsync(cancellationToken).ConfigureAwait(false);
        _balancer.LocalDataCenter = _options.LocalDataCenter ?? _controlHost.DataCenter;
        await LoadReplicationAsync(cancellationToken).ConfigureAwait(false);

        // The node we reached must give a working pool connection now; the others connect in the background.
        await GetPool(_controlHost).OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var host in _hosts)
        {
            if (!ReferenceEquals(host, _controlHost))
            {
                GetPool(host).OpenAsync(CancellationToken.None).Forget();
            }
        }
    }

    private HostPool GetPool(CqlHost host) => _pools.GetOrAdd(host.EndPoint, _ => new HostPool(host, _options));

    private void ThrowIfDisposed()
    {
        if (_disposed.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(CqlSession));
        }
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        var control = _control;
        if (control != null)
        {
            control.Closed -= OnControlClosed;
            control.Close();
        }

        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }

        _pools.Clear();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }
}
