using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Cluster;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// An in-memory Cassandra cluster of one or more nodes speaking the CQL native protocol v4, each node on its own
/// loopback address (127.0.0.1, 127.0.0.2, ...) and all on the same port, as the nodes of a real cluster.
/// </summary>
/// <remarks>
/// It behaves as Cassandra 4.1 (or 5.0, see <see cref="CassandraEmulatorOptions.CassandraVersion"/>) with the
/// Murmur3Partitioner: nodes own num_tokens tokens each, keyspaces replicate by SimpleStrategy or
/// NetworkTopologyStrategy, coordinators check the consistency level against the live replicas and answer
/// Unavailable as Cassandra does. See README.md beside this file for what it does and does not do.
/// </remarks>
public sealed class CassandraEmulator : IAsyncDisposable
{
    private readonly ClusterState _state;
    private readonly SemaphoreSlim _membership = new(1, 1);
    // Replaced whole when a node joins or leaves, so readers never see a list being changed.
    private volatile EmulatedNode[] _nodes = Array.Empty<EmulatedNode>();
    private readonly Lazy<Task> _stop;

    private CassandraEmulator(CassandraEmulatorOptions options, ClusterState state)
    {
        Options = options;
        _state = state;
        _stop = new Lazy<Task>(StopAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal CassandraEmulatorOptions Options { get; }

    /// <summary>The address and port of the first node: the contact point.</summary>
    public IPEndPoint EndPoint => _nodes[0].EndPoint;

    /// <summary>The nodes, in address order.</summary>
    public IReadOnlyList<EmulatedNode> Nodes => _nodes;

    /// <summary>Fault injection on every node: fail, delay or drop requests, make token ranges slow.</summary>
    public CassandraFaults Faults => _state.Faults;

    /// <summary>The cassandra.yaml settings the nodes run with (timeouts, thresholds, guardrails); changeable at any time.</summary>
    public CassandraSettings Settings => _state.Settings;

    /// <summary>Which node coordinated each recent request and which replicas served it.</summary>
    public CqlRequestLog Requests => _state.Requests;

    /// <summary>Connections currently open, over all nodes.</summary>
    public int ConnectionCount => _nodes.Sum(n => n.ConnectionCount);

    /// <summary>Rows examined and returned per table since start (also readable as system_views.rows_examined).</summary>
    public (long RowsExamined, long RowsReturned) RowsOf(string keyspace, string table) => _state.Metrics.Of(keyspace, table);

    /// <summary>The natural replicas of a token in a keyspace, as the ring and the keyspace's replication place it.</summary>
    public IReadOnlyList<EmulatedNode> ReplicasOf(string keyspace, long token)
    {
        var ks = _state.LatestSchema.FindKeyspace(keyspace) ?? throw new ArgumentException($"Keyspace {keyspace} does not exist", nameof(keyspace));
        return _state.ReplicasOf(ks, token).Select(engine => _nodes.First(n => ReferenceEquals(n.Engine, engine))).ToList();
    }

    /// <summary>Starts a cluster; returns once every node accepts connections.</summary>
    public static Task<CassandraEmulator> StartAsync(CassandraEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.User is null) != (options.Password is null))
            throw new ArgumentException("User and Password go together: set both to require PasswordAuthenticator, or neither.", nameof(options));
        var dataCenters = options.DataCenterOfEachNode();
        if (options.Tokens is { Count: 0 }) throw new ArgumentException("Tokens must name at least one token of the node.", nameof(options));
        if (options.Tokens is not null && dataCenters.Count != 1) throw new ArgumentException("Tokens can only be given for a single node; several nodes get NumTokens tokens each.", nameof(options));
        if (options.NumTokens < 1) throw new ArgumentException($"NumTokens must be at least 1, not {options.NumTokens}.", nameof(options));
        if (dataCenters.Count > 1 && options.Address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException("Several nodes need an IPv4 address (nodes take consecutive addresses, 127.0.0.1, 127.0.0.2, ...).", nameof(options));
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.CassandraVersion, @"^[45]\.\d+(\.\d+)?$"))
            throw new ArgumentException($"CassandraVersion must be a 4.x or 5.x release such as 4.1.5 or 5.0.2, not '{options.CassandraVersion}'.", nameof(options));
        cancellationToken.ThrowIfCancellationRequested();

        var tokens = options.Tokens is { } given
            ? new[] { given.Select(t => long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray() }
            : TokenRing.GenerateTokens(dataCenters.Count, options.NumTokens);
        var addresses = dataCenters.Select((_, i) => Offset(options.Address, i)).ToList();

        // Port 0: the first node picks a free port; the others must get the same one on their addresses, else retry.
        for (var attempt = 0; ; attempt++)
        {
            var port = options.Port;
            Socket? probe = null;
            if (port == 0)
            {
                probe = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(addresses[0], 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
                probe.Dispose();
            }
            var cassandra5 = options.CassandraVersion.StartsWith('5');
            var state = new ClusterState(options.Settings, new CassandraFaults(), new CqlRequestLog(), dataCenters.Distinct().ToList(), cassandra5);
            var emulator = new CassandraEmulator(options, state);
            var engines = new List<CassandraNode>();
            var nodes = new List<EmulatedNode>();
            for (var i = 0; i < dataCenters.Count; i++)
            {
                var identity = new NodeIdentity(addresses[i], port, options.ClusterName, dataCenters[i], options.Rack, tokens[i], options.CassandraVersion);
                var engine = new CassandraNode(identity, state);
                engines.Add(engine);
                nodes.Add(new EmulatedNode(emulator, engine, options));
            }
            state.Topology = new Topology(engines);
            emulator._nodes = nodes.ToArray();
            try
            {
                foreach (var node in emulator._nodes) node.Listen();
                return Task.FromResult(emulator);
            }
            catch (SocketException ex)
            {
                foreach (var node in emulator._nodes) node.CloseAsync().GetAwaiter().GetResult();
                if (options.Port == 0 && attempt < 20) continue;
                throw new InvalidOperationException($"The Cassandra emulator cannot listen on {string.Join(", ", addresses)} port {port}: {ex.Message}", ex);
            }
        }
    }

    private static IPAddress Offset(IPAddress first, int offset)
    {
        if (offset == 0) return first;
        var bytes = first.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
    }

    /// <summary>Tells the other live nodes' registered connections that <paramref name="node"/> went down or came up.</summary>
    internal void AnnounceStatus(EmulatedNode node, bool up)
    {
        foreach (var other in _nodes.Where(n => !ReferenceEquals(n, node) && n.IsUp))
            other.Broadcast(c => c.WantsStatusEvents, c => c.SendNodeEventAsync("STATUS_CHANGE", up ? "UP" : "DOWN", node.EndPoint));
    }

    private void AnnounceTopology(EmulatedNode node, string change)
    {
        foreach (var other in _nodes.Where(n => !ReferenceEquals(n, node) && n.IsUp))
            other.Broadcast(c => c.WantsTopologyEvents, c => c.SendNodeEventAsync("TOPOLOGY_CHANGE", change, node.EndPoint));
    }

    /// <summary>
    /// Adds a node (bootstrapped: it joins with num_tokens new tokens and the newest schema) on the next loopback
    /// address and the cluster's port; the other nodes send TOPOLOGY_CHANGE NEW_NODE to their registered connections.
    /// </summary>
    public async Task<EmulatedNode> AddNodeAsync(string? dataCenter = null)
    {
        dataCenter ??= _nodes[0].DataCenter;
        if (!_state.DataCenters.Contains(dataCenter))
            throw new ArgumentException($"The cluster has no data center '{dataCenter}' (it has {string.Join(", ", _state.DataCenters)}).", nameof(dataCenter));
        await _membership.WaitAsync().ConfigureAwait(false);
        try
        {
            var nodes = _nodes;
            var taken = new HashSet<long>(nodes.SelectMany(n => n.Tokens));
            var random = new Random(31 * nodes.Length + Options.NumTokens);
            var tokens = new List<long>();
            while (tokens.Count < Options.NumTokens)
            {
                var t = random.NextInt64(long.MinValue + 1, long.MaxValue);
                if (taken.Add(t)) tokens.Add(t);
            }
            var address = Offset(nodes[0].Address, nodes.Max(n => AddressIndex(nodes[0].Address, n.Address)) + 1);
            var identity = new NodeIdentity(address, EndPoint.Port, Options.ClusterName, dataCenter, Options.Rack, tokens, Options.CassandraVersion);
            var node = new EmulatedNode(this, new CassandraNode(identity, _state), Options);
            node.Listen();
            _state.Topology = new Topology(_state.Nodes.Append(node.Engine).ToList());
            _nodes = nodes.Append(node).ToArray();
            AnnounceTopology(node, "NEW_NODE");
            return node;
        }
        finally
        {
            _membership.Release();
        }
    }

    /// <summary>
    /// Removes a node from the cluster (as decommission does: its tokens leave the ring, its port closes); the
    /// other nodes send TOPOLOGY_CHANGE REMOVED_NODE. The last node cannot be removed.
    /// </summary>
    public async Task RemoveNodeAsync(EmulatedNode node)
    {
        await _membership.WaitAsync().ConfigureAwait(false);
        try
        {
            var nodes = _nodes;
            if (!nodes.Contains(node)) throw new ArgumentException($"{node} is not a node of this cluster.", nameof(node));
            if (nodes.Length == 1) throw new InvalidOperationException("The last node of a cluster cannot be removed.");
            node.Engine.MarkUp(false);
            await node.CloseAsync().ConfigureAwait(false);
            _state.Topology = new Topology(_state.Nodes.Where(n => !ReferenceEquals(n, node.Engine)).ToList());
            _nodes = nodes.Where(n => !ReferenceEquals(n, node)).ToArray();
            AnnounceTopology(node, "REMOVED_NODE");
        }
        finally
        {
            _membership.Release();
        }
    }

    private static int AddressIndex(IPAddress first, IPAddress address)
    {
        static uint Value(IPAddress a)
        {
            var b = a.GetAddressBytes();
            return (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
        }
        return (int)(Value(address) - Value(first));
    }

    /// <summary>Forgets all prepared statements on every node; clients get UNPREPARED and re-prepare.</summary>
    public void ForgetPreparedStatements()
    {
        foreach (var node in _nodes) node.Engine.ClearPrepared();
    }

    /// <summary>
    /// Stops every node: stops accepting, closes every client connection and waits until their requests in flight
    /// have finished. Every call, also concurrent ones, completes when the cluster has stopped; it never fails because
    /// clients close their connections meanwhile.
    /// </summary>
    public ValueTask DisposeAsync() => new(_stop.Value);

    private async Task StopAsync()
    {
        var nodes = _nodes;
        foreach (var node in nodes) node.Engine.MarkUp(false);
        await Task.WhenAll(nodes.Select(n => n.CloseAsync())).ConfigureAwait(false);
    }
}
