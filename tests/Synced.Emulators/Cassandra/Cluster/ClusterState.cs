using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// What the nodes of one emulated cluster share: the token ring, the table data (stored once; replicas are the
/// nodes the ring and replication name, consulted for availability), the schema history with its propagation to
/// the nodes, settings, faults and the records (requests, traces, cost counters).
/// </summary>
/// <remarks>
/// Data is stored once for the cluster: a write reaches every replica at once and a restarted node never serves
/// stale data, as a cluster whose hints and repairs keep up would behave.
/// </remarks>
internal sealed class ClusterState
{
    private readonly object _ddlLock = new();
    private readonly ConditionalWeakTable<KeyspaceSchema, ReplicationStrategy> _strategies = new();
    private volatile SchemaSnapshot _latest;
    private long _lastTimestamp;

    public ClusterState(CassandraSettings settings, CassandraFaults faults, CqlRequestLog requests, IReadOnlyCollection<string> dataCenters, bool cassandra5)
    {
        Settings = settings;
        Faults = faults;
        Requests = requests;
        DataCenters = dataCenters;
        Features = new SchemaFeatures(dataCenters, cassandra5);
        _latest = SystemTables.InitialSchema().WithSequence(1);
    }

    public CassandraSettings Settings { get; }
    public CassandraFaults Faults { get; }
    public CqlRequestLog Requests { get; }
    public TraceLog Traces { get; } = new();
    public TableMetrics Metrics { get; } = new();
    public IReadOnlyCollection<string> DataCenters { get; }
    public SchemaFeatures Features { get; }
    private volatile Topology _topology = null!;

    /// <summary>The nodes and their ring now; read it once per request so both come from one snapshot.</summary>
    public Topology Topology
    {
        get => _topology;
        set => _topology = value;
    }

    public IReadOnlyList<CassandraNode> Nodes => _topology.Nodes;
    public ConcurrentDictionary<Guid, TableStore> Stores { get; } = new();
    public SchemaSnapshot LatestSchema => _latest;

    /// <summary>A write timestamp in microseconds, strictly increasing across the cluster (as Cassandra's ClientState does per node).</summary>
    public long NextTimestamp()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        while (true)
        {
            var last = Interlocked.Read(ref _lastTimestamp);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastTimestamp, next, last) == last) return next;
        }
    }

    public TableStore StoreOf(TableSchema table) => Stores.GetOrAdd(table.Id, _ => new TableStore(table));

    public ReplicationStrategy StrategyOf(KeyspaceSchema keyspace)
    {
        if (keyspace.IsSystem && keyspace.Replication.GetValueOrDefault("class") == ReplicationStrategy.Local) return ReplicationStrategy.LocalOnly;
        return _strategies.GetValue(keyspace, ks => ReplicationStrategy.Parse(ks.Name, ks.Replication, DataCenters));
    }

    /// <summary>
    /// Runs DDL against the newest schema under the cluster's DDL lock, moves table data to the new layouts, then
    /// hands the new schema to the coordinator at once and to the other live nodes after the propagation delay.
    /// </summary>
    public SchemaChangeResult? ApplySchemaChange(CassandraNode coordinator, CqlStatement statement, string? keyspace)
    {
        SchemaSnapshot next;
        SchemaChangeResult? change;
        // A coordinator behind the newest schema checks the statement against what it knows (a keyspace it has
        // not heard of yet does not exist for it), as Cassandra validates DDL on the coordinator's schema.
        var known = coordinator.Schema;
        if (known.Sequence < _latest.Sequence) SchemaExecutor.Apply(known, statement, keyspace, Features);
        lock (_ddlLock)
        {
            var current = _latest;
            var (applied, c) = SchemaExecutor.Apply(current, statement, keyspace, Features);
            change = c;
            if (applied is null) return null;
            next = applied.WithSequence(current.Sequence + 1);
            var before = current.Keyspaces.Values.SelectMany(k => k.Tables.Values).ToDictionary(t => t.Id);
            var after = next.Keyspaces.Values.Where(k => !k.IsSystem).SelectMany(k => k.Tables.Values).ToDictionary(t => t.Id);
            // Altered tables (ALTER TABLE/TYPE, indexes) get their data moved under the new definition.
            foreach (var table in after.Values)
                if (Stores.TryGetValue(table.Id, out var store) && !ReferenceEquals(store.Schema, table))
                    Stores[table.Id] = store.MigrateTo(table);
            _latest = next;
            foreach (var id in before.Keys.Except(after.Keys)) Stores.TryRemove(id, out _);
        }
        coordinator.ApplySchema(next, change);
        var delay = Settings.SchemaPropagationDelay;
        foreach (var node in Nodes)
        {
            if (ReferenceEquals(node, coordinator)) continue;
            if (delay <= TimeSpan.Zero) node.ApplySchema(next, change);
            else _ = Task.Delay(delay).ContinueWith(_ => node.ApplySchema(next, change), TaskScheduler.Default);
        }
        return change;
    }

    /// <summary>The natural replicas of a token in a keyspace.</summary>
    public IReadOnlyList<CassandraNode> ReplicasOf(KeyspaceSchema keyspace, long token)
        => Topology.ReplicasOf(token, StrategyOf(keyspace));
}
