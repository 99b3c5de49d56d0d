using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Connections;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Cql;

// The nodes and the ring: the control connection, topology and schema events, replicas of a token.
public sealed partial class CqlSession
{
    private const string LocalQuery = "SELECT * FROM system.local WHERE key='local'";

    private readonly SemaphoreSlim _topologyLock = new(1, 1);
    private volatile CqlHost[] _hosts = Array.Empty<CqlHost>();
    private volatile TokenRing _ring = new(Array.Empty<CqlHost>());
    private volatile Dictionary<string, IReadOnlyDictionary<string, string>> _replication =
        new();
    private CqlHost? _controlHost;
    private CqlConnection? _control;

    /// <summary>Nodes known to the session.</summary>
    public IReadOnlyList<CqlHost> Hosts => _hosts;

    /// <summary>The token ring as last read from system.local / system.peers.</summary>
    public TokenRing TokenRing => _ring;

    /// <summary>Re-reads the nodes and their tokens from system.local and system.peers_v2 (or system.peers).</summary>
    public async Task RefreshTopologyAsync(CancellationToken cancellationToken = default)
    {
        await _topologyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var control = _controlHost ?? throw new InvalidOperationException("The session has no control connection.");
            var local = await ControlQueryAsync(LocalQuery, cancellationToken).ConfigureAwait(false);
            if (local.Count > 0)
            {
                NodeRows.Describe(control, local[0]);
            }

            var hosts = new List<CqlHost> { control };
            if (_options.DiscoverPeers)
            {
                var (peers, v2) = await QueryPeersAsync(cancellationToken).ConfigureAwait(false);
                foreach (var row in peers)
                {
                    var endPoint = NodeRows.PeerEndPoint(row, v2, _options.Port);
                    if (endPoint == null || endPoint.Equals(control.EndPoint))
                    {
                        continue;
                    }

                    var host = _hosts.FirstOrDefault(h => h.EndPoint.Equals(endPoint)) ?? new CqlHost(endPoint) { TlsServerName = _options.Tls?.ServerName };
                    NodeRows.Describe(host, row);
                    hosts.Add(host);
                }
            }
            else
            {
                hosts.AddRange(_hosts.Where(h => !ReferenceEquals(h, control)));
            }

            foreach (var gone in _hosts.Where(h => !hosts.Contains(h)))
            {
                if (_pools.TryRemove(gone.EndPoint, out var pool))
                {
                    pool.Dispose();
                }
            }

            _hosts = hosts.ToArray();
            _ring = new TokenRing(hosts);
        }
        finally
        {
            _topologyLock.Release();
        }
    }

    private async Task<CqlRowSet> ControlQueryAsync(string query, CancellationToken cancellationToken)
    {
        var control = _control ?? throw new CqlConnectionException("control", "the session has no control connection.");
        var options = new QueryOptions { Consistency = Consistency.One, PageSize = 100_000 };
        var response = await control.SendAsync(new QueryRequest(query, options), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var result = ReadResult(response, null, control);
        return result.Rows ?? throw new CqlProtocolException($"{control.Host}: '{query}' returned {result.Kind}, not rows.");
    }

    /// <summary>The rows of system.peers_v2, or of system.peers on Cassandra before 4.0 (which has no peers_v2), and which it was.</summary>
    private async Task<(CqlRowSet Peers, bool V2)> QueryPeersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ControlQueryAsync("SELECT * FROM system.peers_v2", cancellationToken).ConfigureAwait(false), true);
        }
        catch (InvalidQueryException)
        {
            return (await ControlQueryAsync("SELECT * FROM system.peers", cancellationToken).ConfigureAwait(false), false);
        }
    }

    /// <summary>Asks the node of a control connection for the events that keep the topology and schema current.</summary>
    private Task<CqlResponse> RegisterForEventsAsync(CqlConnection control, CancellationToken cancellationToken)
        => control.SendAsync(new RegisterRequest(EventType.TopologyChange, EventType.StatusChange, EventType.SchemaChange), _options.RequestTimeout, cancellationToken);

    private async Task LoadReplicationAsync(CancellationToken cancellationToken)
    {
        var replication = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        try
        {
            var rows = await ControlQueryAsync("SELECT * FROM system_schema.keyspaces", cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                replication[row.GetString("keyspace_name")!] = NodeRows.ToStringMap(row.GetValue("replication"));
            }
        }
        catch (InvalidQueryException)
        {
            // Before Cassandra 3.0 there is no system_schema: routing then uses primary replicas only.
        }

        _replication = replication;
    }

    private void OnControlClosed(CqlConnection connection)
    {
        if (!_disposed.IsCancellationRequested)
        {
            _ = ReconnectControlAsync();
        }
    }

    private async Task ReconnectControlAsync()
    {
        var failures = 0;
        while (!_disposed.IsCancellationRequested)
        {
            foreach (var host in _balancer.Plan(_hosts, null))
            {
                try
                {
                    var connection = await CqlConnection.OpenAsync(host.EndPoint, host.TlsServerName, _options, HandleEvent, _disposed.Token).ConfigureAwait(false);
                    await RegisterForEventsAsync(connection, _disposed.Token).ConfigureAwait(false);
                    connection.Closed += OnControlClosed;
                    _control = connection;
                    _controlHost = host;
                    _schemaStale = true;
                    await RefreshTopologyAsync(_disposed.Token).ConfigureAwait(false);
                    return;
                }
                catch (Exception) when (!_disposed.IsCancellationRequested)
                {
                    // Try the next node; the pools report per-node errors to callers.
                }
                catch (Exception)
                {
                    return;
                }
            }

            // A round in which no node answered: the first wait is twice the base delay, one doubling ahead of a pool's.
            failures++;
            try
            {
                await Task.Delay(ReconnectBackoff.After(failures + 1, _options), _disposed.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void HandleEvent(ServerEvent serverEvent)
    {
        if (serverEvent.Type == EventType.SchemaChange)
        {
            _schemaStale = true;
            if (serverEvent.SchemaChange?.Target == SchemaChangeTarget.Keyspace)
            {
                LoadReplicationAsync(_disposed.Token).Forget();
            }
        }
        else
        {
            RefreshTopologyAsync(_disposed.Token).Forget();
        }

        try
        {
            _options.OnEvent?.Invoke(serverEvent);
        }
        catch (Exception ex)
        {
            // The handler runs on a pool thread with no caller to hand its failure to; trace it rather than lose it.
            System.Diagnostics.Trace.TraceError($"Synced.Cql: the OnEvent handler threw for {serverEvent}: {ex}");
        }
    }

    private IReadOnlyList<CqlHost>? Replicas(CqlStatement statement)
    {
        var ring = _ring;
        if (ring.IsEmpty)
        {
            return null;
        }

        var token = statement.RoutingToken;
        if (token == null)
        {
            byte[]? key;
            try
            {
                key = statement.RoutingKey;
            }
            catch (CqlCodecException)
            {
                // A value that cannot be serialized fails when the request is built, with its position; routing just gives up.
                return null;
            }

            if (key == null)
            {
                return null;
            }

            token = Murmur3Partitioner.GetToken(key);
        }

        return ring.GetReplicas(token.Value, ReplicationOf(statement.RoutingKeyspace ?? _keyspace));
    }

    private IReadOnlyDictionary<string, string>? ReplicationOf(string? keyspace)
        => keyspace != null && _replication.TryGetValue(keyspace, out var map) ? map : null;

    /// <summary>
    /// The nodes holding a token of <paramref name="keyspace"/> (its replication strategy applied to the ring),
    /// primary first; empty when the ring is unknown.
    /// </summary>
    public IReadOnlyList<CqlHost> GetReplicas(string keyspace, long token) => _ring.GetReplicas(token, ReplicationOf(keyspace));
}
