using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Cql.Cluster;
using Synced.Cql.Connections;
using Synced.Cql.Errors;
using Synced.Cql.Metadata;
using Synced.Cql.Protocol;
using Synced.Cql.Requests;
using Synced.Cql.Tokens;
using Synced.Cql.Types;

namespace Synced.Cql;

/// <summary>
/// A connection to a whole Cassandra cluster (the one object an application needs): it discovers the nodes,
/// keeps a small pool of multiplexed connections per node, routes each statement (token-aware, then DC-aware
/// round robin), retries what is safe to retry, pages results, and exposes schema and token ring metadata.
/// Thread-safe; create one per cluster and dispose it at the end.
/// </summary>
public sealed class CqlSession : IAsyncDisposable, IDisposable
{
    private const int MaxReprepares = 2;
    private const int MaxStaleConnections = 3;

    private readonly CqlClusterOptions _options;
    private readonly LoadBalancer _balancer = new();
    private readonly ConcurrentDictionary<IPEndPoint, HostPool> _pools = new();
    private readonly ConcurrentDictionary<string, Task<PreparedStatement>> _prepared = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _topologyLock = new(1, 1);
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private volatile CqlHost[] _hosts = Array.Empty<CqlHost>();
    private volatile TokenRing _ring = new(Array.Empty<CqlHost>());
    private volatile ClusterMetadata? _schema;
    private volatile bool _schemaStale = true;
    private volatile IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _replication =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    private volatile string? _keyspace;
    private CqlHost? _controlHost;
    private CqlConnection? _control;

    private CqlSession(CqlClusterOptions options)
    {
        _options = options;
        _keyspace = options.Keyspace;
    }

    /// <summary>Nodes known to the session.</summary>
    public IReadOnlyList<CqlHost> Hosts => _hosts;

    /// <summary>The token ring as last read from system.local / system.peers.</summary>
    public TokenRing TokenRing => _ring;

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
        await _control.SendAsync(new RegisterRequest(EventType.TopologyChange, EventType.StatusChange, EventType.SchemaChange), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
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
                _ = GetPool(host).OpenAsync(CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
        }
    }

    /// <summary>Re-reads the nodes and their tokens from system.local and system.peers_v2 (or system.peers).</summary>
    public async Task RefreshTopologyAsync(CancellationToken cancellationToken = default)
    {
        await _topologyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var control = _controlHost ?? throw new InvalidOperationException("The session has no control connection.");
            var local = await ControlQueryAsync("SELECT * FROM system.local WHERE key='local'", cancellationToken).ConfigureAwait(false);
            if (local.Count > 0)
            {
                NodeRows.Describe(control, local[0]);
            }

            var hosts = new List<CqlHost> { control };
            if (_options.DiscoverPeers)
            {
                CqlRowSet peers;
                var v2 = true;
                try
                {
                    peers = await ControlQueryAsync("SELECT * FROM system.peers_v2", cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidQueryException)
                {
                    // Cassandra before 4.0 has no peers_v2.
                    v2 = false;
                    peers = await ControlQueryAsync("SELECT * FROM system.peers", cancellationToken).ConfigureAwait(false);
                }

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
        var parameters = new QueryParameters { Consistency = Consistency.One, PageSize = 100_000 };
        var response = await control.SendAsync(new QueryRequest(query, parameters), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var result = ReadResult(response, null, control);
        return result.Rows ?? throw new CqlProtocolException($"{control.Host}: '{query}' returned {result.Kind}, not rows.");
    }

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
                    await connection.SendAsync(new RegisterRequest(EventType.TopologyChange, EventType.StatusChange, EventType.SchemaChange), _options.RequestTimeout, _disposed.Token).ConfigureAwait(false);
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

            failures++;
            var ms = Math.Min(_options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30)), _options.ReconnectMaxDelay.TotalMilliseconds);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(ms), _disposed.Token).ConfigureAwait(false);
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
                _ = LoadReplicationAsync(_disposed.Token).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
        }
        else
        {
            _ = RefreshTopologyAsync(_disposed.Token).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
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

    private HostPool GetPool(CqlHost host) => _pools.GetOrAdd(host.EndPoint, _ => new HostPool(host, _options));

    /// <summary>
    /// Waits until every live node reports the same schema version (system.local of the control node and its
    /// system.peers, or peers_v2; nodes this client sees as down are left out), checking every
    /// <see cref="CqlClusterOptions.SchemaAgreementInterval"/>, for at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<SchemaAgreement> WaitForSchemaAgreementAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var versions = await ReadSchemaVersionsAsync(cancellationToken).ConfigureAwait(false);
            var agreed = versions.Values.Distinct().Count() <= 1;
            if (agreed || clock.Elapsed >= timeout)
            {
                return new SchemaAgreement(agreed, versions, clock.Elapsed);
            }

            var pause = timeout - clock.Elapsed;
            await Task.Delay(pause < _options.SchemaAgreementInterval ? pause : _options.SchemaAgreementInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, Guid?>> ReadSchemaVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, Guid?>(StringComparer.Ordinal);
        var control = _controlHost;
        var local = await ControlQueryAsync("SELECT * FROM system.local WHERE key='local'", cancellationToken).ConfigureAwait(false);
        versions[control?.Address ?? "control"] = local.Count > 0 ? NodeRows.Column<object>(local[0], "schema_version") as Guid? : null;
        if (!_options.DiscoverPeers)
        {
            return versions;
        }

        CqlRowSet peers;
        var v2 = true;
        try
        {
            peers = await ControlQueryAsync("SELECT * FROM system.peers_v2", cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidQueryException)
        {
            v2 = false;
            peers = await ControlQueryAsync("SELECT * FROM system.peers", cancellationToken).ConfigureAwait(false);
        }

        foreach (var row in peers)
        {
            var endPoint = NodeRows.PeerEndPoint(row, v2, _options.Port);
            if (endPoint == null || (control != null && endPoint.Equals(control.EndPoint)))
            {
                continue;
            }

            var host = _hosts.FirstOrDefault(h => h.EndPoint.Equals(endPoint));
            if (host != null && !host.IsUp)
            {
                // A node that is down applies the change when it comes back; it does not hold the others up.
                continue;
            }

            versions[host?.Address ?? CqlConnection.HostLabel(endPoint)] = NodeRows.Column<object>(row, "schema_version") as Guid?;
        }

        return versions;
    }

    /// <summary>Runs a CQL text with positional values (types inferred from the .NET values).</summary>
    public Task<CqlResult> ExecuteAsync(string query, params object?[] values) => ExecuteAsync(new SimpleStatement(query, values));

    /// <summary>
    /// Runs a statement and returns its result (the first page for queries; see <see cref="QueryAsync(CqlStatement, CancellationToken)"/>
    /// for all rows). Server errors are thrown as their <see cref="CqlServerException"/> subclass.
    /// </summary>
    public async Task<CqlResult> ExecuteAsync(CqlStatement statement, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var plan = _balancer.Plan(_hosts, Replicas(statement));
        Dictionary<string, Exception>? errors = null;
        var timeout = statement.Timeout ?? _options.RequestTimeout;
        var retryPolicy = statement.RetryPolicy ?? _options.RetryPolicy;
        var hostIndex = 0;
        var attempt = 0;
        var reprepares = 0;
        var unreachable = 0;
        var staleConnections = 0;
        while (true)
        {
            if (plan.Count == 0 || unreachable >= plan.Count)
            {
                throw new NoHostAvailableException(errors ?? new Dictionary<string, Exception>());
            }

            var host = plan[hostIndex % plan.Count];
            CqlConnection connection;
            try
            {
                connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !(ex is BadCredentialsException) && !(ex is CqlAuthenticationException))
            {
                // Nothing was sent: moving to the next node is always safe.
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
                hostIndex++;
                unreachable++;
                continue;
            }

            try
            {
                await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
                var prepared = (statement as BoundStatement)?.Prepared.Current;
                var request = StatementRequests.Build(statement, _options, prepared);
                var response = await connection.SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
                var result = ReadResult(response, prepared?.ResultMetadata, connection);
                if (result.Kind == ResultKind.SchemaChange && _options.SchemaAgreementTimeout > TimeSpan.Zero)
                {
                    // The other nodes learn of the change by gossip: wait until they have it, so the next statement
                    // (on any node) sees the new table.
                    result.SchemaAgreement = await WaitForSchemaAgreementAsync(_options.SchemaAgreementTimeout, cancellationToken).ConfigureAwait(false);
                    result.SchemaInAgreement = result.SchemaAgreement.IsReached;
                }

                return result;
            }
            catch (CqlConnectionException ex) when (ex.RequestNotSent && staleConnections < MaxStaleConnections && !cancellationToken.IsCancellationRequested)
            {
                // The connection had died before the statement went out; the pool replaces it, so try again at once.
                staleConnections++;
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
            }
            catch (UnpreparedException) when (reprepares < MaxReprepares && !cancellationToken.IsCancellationRequested)
            {
                reprepares++;
                await RepareAsync(connection, statement, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ResultMetadataChangedException) when (statement.IsRead && reprepares < MaxReprepares && !cancellationToken.IsCancellationRequested)
            {
                // The node answered with other columns than prepared (and did not say UNPREPARED): a read runs
                // again with the statement's fresh metadata.
                reprepares++;
                await RepareAsync(connection, statement, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && retryPolicy.ShouldRetry(statement, ex, ++attempt))
            {
                (errors ??= new Dictionary<string, Exception>())[host.Address] = ex;
                unreachable = 0;
                await Task.Delay(retryPolicy.GetDelay(attempt), cancellationToken).ConfigureAwait(false);
                if (!(ex is ReadTimeoutException) && !(ex is WriteTimeoutException))
                {
                    hostIndex++;
                }
            }
        }
    }

    /// <summary>
    /// Runs a query and streams all its rows, page after page; the next page is requested while the current one is
    /// being read. Empty pages that carry a paging state (a range ending on its last row, pages of a filtering scan
    /// that matched nothing) are followed to the end.
    /// </summary>
    public async IAsyncEnumerable<CqlRow> QueryAsync(CqlStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (statement is BatchStatement)
        {
            throw new ArgumentException("A batch returns no rows to page through.", nameof(statement));
        }

        var first = await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        var page = first.Rows;
        while (page != null)
        {
            var next = page.PagingState == null
                ? null
                : ExecuteAsync(statement.CopyForPage(page.PagingState), cancellationToken);
            try
            {
                for (var i = 0; i < page.Count; i++)
                {
                    yield return page[i];
                }
            }
            finally
            {
                // When the caller stops early, the prefetched page is dropped; observe its failure so it is not rethrown later.
                if (next != null && !next.IsCompleted)
                {
                    _ = next.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                }
            }

            var previous = page;
            page = next == null ? null : (await next.ConfigureAwait(false)).Rows;
            if (page != null && page.Count == 0 && page.PagingState != null && SamePagingState(page.PagingState, previous.PagingState))
            {
                // An empty page is normal (a range ending on its last row, a filtering scan), but one that hands back
                // the state it was asked with would be asked for forever.
                throw new CqlProtocolException($"The node answered an empty page with the paging state it was given, so paging would never end: {statement.Describe()}");
            }
        }
    }

    private static bool SamePagingState(byte[] a, byte[]? b) => b != null && a.AsSpan().SequenceEqual(b);

    /// <summary>Streams the rows of a CQL text with positional values.</summary>
    public IAsyncEnumerable<CqlRow> QueryAsync(string query, params object?[] values) => QueryAsync(new SimpleStatement(query, values));

    /// <summary>Prepares a statement (once per query text and keyspace; later calls return the same one).</summary>
    public Task<PreparedStatement> PrepareAsync(string query, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var key = (_keyspace ?? string.Empty) + "\0" + query;
        var task = _prepared.GetOrAdd(key, _ => PrepareOnClusterAsync(query, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _prepared.TryRemove(key, out _);
            task = _prepared.GetOrAdd(key, _ => PrepareOnClusterAsync(query, cancellationToken));
        }

        return ForgetOnFailure(key, task);
    }

    private async Task<PreparedStatement> ForgetOnFailure(string key, Task<PreparedStatement> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            _prepared.TryRemove(key, out _);
            throw;
        }
    }

    private async Task<PreparedStatement> PrepareOnClusterAsync(string query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        foreach (var host in _balancer.Plan(_hosts, null))
        {
            CqlConnection connection;
            try
            {
                connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !(ex is CqlServerException))
            {
                errors[host.Address] = ex;
                continue;
            }

            var prepared = await PrepareOnConnectionAsync(connection, query, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            await PrepareOnOtherNodesAsync(host, query, cancellationToken).ConfigureAwait(false);
            return new PreparedStatement(query, _keyspace, prepared);
        }

        throw new NoHostAvailableException(errors);
    }

    /// <summary>
    /// Prepares the statement on the other nodes that are up too (as the DataStax drivers do), so token-aware
    /// routing to any replica does not start with an UNPREPARED round trip. Best effort: a node that fails here
    /// answers UNPREPARED later and gets it then.
    /// </summary>
    private async Task PrepareOnOtherNodesAsync(CqlHost done, string query, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        foreach (var host in _hosts)
        {
            if (ReferenceEquals(host, done) || !host.IsUp)
            {
                continue;
            }

            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var connection = await GetPool(host).GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await EnsureKeyspaceAsync(connection, cancellationToken).ConfigureAwait(false);
                    await PrepareOnConnectionAsync(connection, query, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Best effort (see above).
                }
            }, cancellationToken));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
    }

    private async Task<PreparedResult> PrepareOnConnectionAsync(CqlConnection connection, string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(new PrepareRequest(query), timeout, cancellationToken).ConfigureAwait(false);
        var result = ReadResult(response, null, connection);
        return result.Prepared ?? throw new CqlProtocolException($"{connection.Host}: PREPARE returned {result.Kind}.");
    }

    private async Task RepareAsync(CqlConnection connection, CqlStatement statement, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var prepared = statement is BoundStatement bound
            ? new[] { bound.Prepared }
            : statement is BatchStatement batch ? batch.Statements.OfType<BoundStatement>().Select(b => b.Prepared).Distinct() : Enumerable.Empty<PreparedStatement>();
        foreach (var statementToPrepare in prepared)
        {
            // Fresh result metadata too: after ALTER TABLE a SELECT * returns other columns than before.
            var result = await PrepareOnConnectionAsync(connection, statementToPrepare.Query, timeout, cancellationToken).ConfigureAwait(false);
            statementToPrepare.Refresh(result);
        }
    }

    private async Task EnsureKeyspaceAsync(CqlConnection connection, CancellationToken cancellationToken)
    {
        var keyspace = _keyspace;
        if (keyspace == null || connection.Keyspace == keyspace)
        {
            return;
        }

        var use = "USE " + CqlIdentifier.Quote(keyspace);
        await connection.SendAsync(new QueryRequest(use, new QueryParameters()), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        connection.Keyspace = keyspace;
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

    private CqlResult ReadResult(CqlResponse response, RowsMetadata? knownMetadata, CqlConnection connection)
    {
        if (response.Header.Opcode != Opcode.Result)
        {
            throw new CqlProtocolException($"{connection.Host}: expected RESULT, got {response.Header.Opcode}.");
        }

        var reader = response.CreateReader();
        var kind = (ResultKind)reader.ReadInt();
        var result = new CqlResult(kind, connection.Host)
        {
            Warnings = response.Warnings,
            CustomPayload = response.CustomPayload,
            TracingId = response.TracingId,
        };
        switch (kind)
        {
            case ResultKind.Void:
                break;
            case ResultKind.Rows:
                result.Rows = CqlRowSet.Read(ref reader, response.Body, knownMetadata);
                break;
            case ResultKind.SetKeyspace:
                result.Keyspace = reader.ReadString();
                _keyspace = result.Keyspace;
                connection.Keyspace = result.Keyspace;
                break;
            case ResultKind.Prepared:
                result.Prepared = PreparedResult.Read(ref reader);
                break;
            case ResultKind.SchemaChange:
                result.SchemaChange = SchemaChange.Read(ref reader);
                _schemaStale = true;
                if (result.SchemaChange.Target == SchemaChangeTarget.Keyspace)
                {
                    _ = LoadReplicationAsync(_disposed.Token).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                }

                break;
            default:
                throw new CqlProtocolException($"{connection.Host}: unknown RESULT kind {(int)kind}.");
        }

        return result;
    }

    /// <summary>The schema and token ring; read from system_schema on first use and again after schema changes.</summary>
    public async Task<ClusterMetadata> GetMetadataAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var current = _schema;
        if (current != null && !refresh && !_schemaStale)
        {
            return current;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schema != null && !refresh && !_schemaStale)
            {
                return _schema;
            }

            _schemaStale = false;
            var loaded = await SchemaLoader.LoadAsync(this, _ring, _hosts, cancellationToken).ConfigureAwait(false);
            _replication = loaded.Keyspaces.ToDictionary(k => k.Key, k => k.Value.Replication, StringComparer.Ordinal);
            _schema = loaded;
            return loaded;
        }
        catch
        {
            _schemaStale = true;
            throw;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

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
