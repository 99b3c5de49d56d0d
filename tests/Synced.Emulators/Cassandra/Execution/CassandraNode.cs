using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra.Cluster;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Protocol;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// One node's engine, independent of the wire: its schema as it has received it, its prepared statements, and the
/// coordination of every statement (consistency checks against the ring's replicas, then execution on the
/// cluster's data).
/// </summary>
internal sealed class CassandraNode
{
    private readonly ConcurrentDictionary<string, PreparedStatementInfo> _prepared = new(StringComparer.Ordinal);
    private readonly SystemTables _systemTables;
    private readonly object _schemaGate = new();
    private volatile SchemaSnapshot _schema;
    private volatile bool _isUp = true;

    public CassandraNode(NodeIdentity identity, ClusterState cluster)
    {
        Identity = identity;
        Cluster = cluster;
        _systemTables = new SystemTables(this);
        _schema = cluster.LatestSchema;
    }

    public NodeIdentity Identity { get; }
    public ClusterState Cluster { get; }
    public IPAddress Address => Identity.Address;

    /// <summary>The schema this node has received; behind the cluster's newest while a change propagates.</summary>
    public SchemaSnapshot Schema => _schema;

    /// <summary>Whether the node runs; a stopped node is seen down by the others and serves no replica reads or writes.</summary>
    public bool IsUp => _isUp;

    /// <summary>Raised when this node applies a schema change, for SCHEMA_CHANGE events to its registered connections.</summary>
    public event Action<SchemaChangeResult>? SchemaChanged;

    public void MarkUp(bool up)
    {
        _isUp = up;
        // A node that comes back pulls the newest schema at once, as a restarted node does from its peers.
        if (up) ApplySchema(Cluster.LatestSchema, null);
    }

    /// <summary>The guardrails and release rules queries are checked against now.</summary>
    public QueryRules Rules => new(Cluster.Settings.AllowFilteringEnabled, Identity.IsCassandra5);

    public static int NowInSeconds() => (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>
    /// Takes a newer schema (ignored when older than the node's, or while the node is down) and drops the prepared
    /// statements it invalidates, as Cassandra's QueryProcessor does on schema change: statements on a dropped
    /// keyspace or table, or on a table whose columns changed, get UNPREPARED on their next execution.
    /// </summary>
    public void ApplySchema(SchemaSnapshot next, SchemaChangeResult? change)
    {
        lock (_schemaGate)
        {
            if (!_isUp || next.Sequence <= _schema.Sequence) return;
            var previous = _schema;
            _schema = next;
            foreach (var (key, prepared) in _prepared)
                if (prepared.Tables.Any(t => !SameColumns(previous.FindTable(t.Keyspace, t.Name), next.FindTable(t.Keyspace, t.Name))))
                    _prepared.TryRemove(key, out _);
        }
        if (change is not null) SchemaChanged?.Invoke(change);
    }

    private static bool SameColumns(TableSchema? before, TableSchema? after)
    {
        if (before is null || after is null) return before is null && after is null;
        if (before.Id != after.Id || before.AllColumns.Count != after.AllColumns.Count) return false;
        for (var i = 0; i < before.AllColumns.Count; i++)
            if (before.AllColumns[i].Name != after.AllColumns[i].Name || !before.AllColumns[i].Type.Equals(after.AllColumns[i].Type)) return false;
        return true;
    }

    /// <summary>A table as this node knows it, in the definition the cluster's data has now (the newest of the same table).</summary>
    public TableSchema ResolveTable(QualifiedName name, string? currentKeyspace)
    {
        var ksName = StatementContext.KeyspaceOf(name, currentKeyspace);
        var ks = _schema.FindKeyspace(ksName) ?? throw new CqlInvalidException($"Keyspace {ksName} does not exist");
        if (!ks.Tables.TryGetValue(name.Name, out var table)) throw new CqlInvalidException($"unconfigured table {name.Name}");
        var latest = Cluster.LatestSchema.FindTable(ksName, name.Name);
        if (latest is not null && latest.Id == table.Id) return latest;
        if (ks.IsSystem) return table;
        throw new CqlInvalidException($"unconfigured table {name.Name}");
    }

    private KeyspaceSchema KeyspaceOf(TableSchema table) => _schema.FindKeyspace(table.Keyspace) ?? Cluster.LatestSchema.FindKeyspace(table.Keyspace)!;

    private TableStore StoreOf(TableSchema table)
    {
        var ks = KeyspaceOf(table);
        return ks.IsSystem ? _systemTables.StoreFor(table, _schema) : Cluster.StoreOf(table);
    }

    private TableStore WritableStoreOf(TableSchema table)
    {
        if (KeyspaceOf(table).IsSystem) throw new CqlUnauthorizedException($"{table.Keyspace} keyspace is not user-modifiable.");
        return Cluster.StoreOf(table);
    }

    // ------------------------------------------------------------------ PREPARE

    public PreparedStatementInfo Prepare(string query, string? keyspace)
    {
        var statement = CqlParser.Parse(query);
        IReadOnlyList<ColumnSpec>? resultColumns = null;
        var tables = new List<TableSchema>();
        switch (statement)
        {
            case SelectStatement select:
            {
                var table = ResolveTable(select.Table, keyspace);
                tables.Add(table);
                resultColumns = SelectPlan.Build(select, table, Rules).ResultColumns;
                break;
            }
            case ModificationStatement modification:
            {
                // No result metadata, even for IF ... statements: their rows vary ([applied] alone, or with the
                // existing values), so clients must not skip metadata when executing them (as with Cassandra).
                var table = ResolveTable(modification.Table, keyspace);
                tables.Add(table);
                ModificationExecutor.Validate(modification, table);
                break;
            }
            case BatchStatement batch:
                foreach (var s in batch.Statements)
                {
                    var table = ResolveTable(s.Table, keyspace);
                    tables.Add(table);
                    ModificationExecutor.Validate(s, table);
                }
                break;
        }
        var (variables, pkIndexes) = BindAnalyzer.Analyze(statement, n => ResolveTable(n, keyspace));
        var id = PreparedId(query, keyspace);
        var info = new PreparedStatementInfo(id, query, keyspace, statement, variables, pkIndexes, resultColumns, tables);
        _prepared[Convert.ToHexString(id)] = info;
        return info;
    }

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Primitives", Justification = "Cassandra's prepared statement id is the MD5 of the keyspace and query text; an id, not a secret.")]
    public static byte[] PreparedId(string query, string? keyspace)
        => MD5.HashData(Encoding.UTF8.GetBytes((keyspace ?? "") + query));

    public PreparedStatementInfo? FindPrepared(byte[] id) => _prepared.TryGetValue(Convert.ToHexString(id), out var p) ? p : null;

    /// <summary>Forgets prepared statements (clients must re-prepare after UNPREPARED).</summary>
    public void ClearPrepared() => _prepared.Clear();

    // ------------------------------------------------------------------ EXECUTE

    public async Task<StatementResult> ExecuteAsync(CqlStatement statement, StatementContext ctx, CancellationToken cancellationToken)
    {
        ctx.StatementTimestamp = ctx.DefaultTimestamp ?? Cluster.NextTimestamp();
        ctx.FilteredPageExamineLimit = Cluster.Settings.FilteredPageExamineLimit;
        switch (statement)
        {
            case SelectStatement select:
                return await ExecuteSelectAsync(select, ctx, cancellationToken).ConfigureAwait(false);
            case ModificationStatement modification:
                return ExecuteWrites(new[] { (modification, ctx) }, ctx, null, ctx.StatementTimestamp);
            case BatchStatement batch:
                return ExecuteBatch(batch, ctx);
            case UseStatement use:
                if (_schema.FindKeyspace(use.Keyspace) is null) throw new CqlInvalidException($"Keyspace '{use.Keyspace}' does not exist");
                return new SetKeyspaceResult(use.Keyspace);
            case TruncateStatement truncate:
            {
                var table = ResolveTable(truncate.Table, ctx.Keyspace);
                var store = WritableStoreOf(table);
                // TRUNCATE needs every replica: Cassandra answers Unavailable when a node is down.
                var nodes = Cluster.Nodes;
                var down = nodes.Count(n => !n.IsUp);
                if (down > 0) throw ConsistencyRules.Unavailable(ConsistencyLevel.All, null, nodes.Count, nodes.Count - down);
                store.Lock.EnterWriteLock();
                try { store.Clear(); }
                finally { store.Lock.ExitWriteLock(); }
                return VoidResult.Instance;
            }
            default:
                return (StatementResult?)Cluster.ApplySchemaChange(this, statement, ctx.Keyspace) ?? VoidResult.Instance;
        }
    }

    private async Task<StatementResult> ExecuteSelectAsync(SelectStatement select, StatementContext ctx, CancellationToken cancellationToken)
    {
        var table = ResolveTable(select.Table, ctx.Keyspace);
        var plan = SelectPlan.Build(select, table, Rules);
        var ks = KeyspaceOf(table);
        ctx.Outcome.Keyspace = table.Keyspace;
        ctx.Outcome.Table = table.Name;
        if (ks.IsSystem && Cluster.StrategyOf(ks).IsLocal || SystemTables.IsVirtual(ks.Name))
        {
            // Local and virtual system tables are read on the coordinator, whatever the consistency level.
            ctx.Outcome.AddReplica(Address);
            return SelectExecutor.Execute(plan, StoreOf(table), ctx);
        }
        ConsistencyRules.ValidateForRead(ctx.Consistency);
        var target = SelectExecutor.Target(plan, ctx);
        var strategy = Cluster.StrategyOf(ks);
        var replicas = ReadReplicas(strategy, target, ctx);
        var isRange = target.Tokens is null;
        var timeout = isRange ? Cluster.Settings.RangeRequestTimeout : Cluster.Settings.ReadRequestTimeout;
        if (Cluster.Faults.IsSlow(table.Keyspace, table.Name, target))
        {
            // An unresponsive replica: the coordinator waits its timeout, then gives up as Cassandra does.
            ctx.TraceAt(Address, $"Timed out; received 0 of {replicas.Count} responses");
            await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
            throw new NodeError(CqlErrorCode.ReadTimeout, "Operation timed out - received only 0 responses.")
            {
                Consistency = ctx.Consistency,
                Required = ConsistencyRules.BlockFor(ctx.Consistency, strategy, Identity.DataCenter),
                Received = 0,
            };
        }
        foreach (var replica in replicas)
        {
            if (ReferenceEquals(replica, this)) continue;
            ctx.TraceAt(Address, $"Sending READ_REQ message to /{replica.Address}:7000");
            ctx.TraceAt(replica.Address, $"READ_REQ message received from /{Address}:7000");
        }
        var result = Read(plan, table, ctx, replicas, strategy, isRange);
        foreach (var replica in replicas)
        {
            if (ReferenceEquals(replica, this)) continue;
            ctx.TraceAt(replica.Address, $"Enqueuing response to /{Address}:7000");
            ctx.TraceAt(Address, $"READ_RSP message received from /{replica.Address}:7000");
        }
        return result;
    }

    /// <summary>
    /// Reads on the replicas: traces what each does ("Read N live rows and M tombstone cells", as Cassandra's
    /// ReadCommand traces it), counts the cost, and fails as a replica does past tombstone_failure_threshold.
    /// </summary>
    private RowsResult Read(SelectPlan plan, TableSchema table, StatementContext ctx, List<CassandraNode> replicas, ReplicationStrategy strategy, bool isRange)
    {
        foreach (var r in replicas)
            ctx.TraceAt(r.Address, isRange ? $"Executing seq scan across 1 sstables for {RangeText(ctx.Outcome.Range)}" : $"Executing single-partition query on {table.Name}");
        var result = SelectExecutor.Execute(plan, StoreOf(table), ctx);
        var o = ctx.Outcome;
        foreach (var r in replicas) ctx.TraceAt(r.Address, $"Read {o.RowsExamined} live rows and {o.Tombstones} tombstone cells");
        Cluster.Metrics.Add(table.Keyspace, table.Name, o.RowsExamined, result.Rows.Count);
        var settings = Cluster.Settings;
        if (o.Tombstones > settings.TombstoneFailureThreshold && replicas.Count > 0)
        {
            // TombstoneOverwhelmingException on the replica; the coordinator answers ReadFailure with its reason.
            throw new NodeError(CqlErrorCode.ReadFailure, $"Operation failed - received 0 responses and {replicas.Count} failures: "
                + string.Join(", ", replicas.Select(r => $"TOMBSTONE_OVERWHELM from /{r.Address}:7000")))
            {
                Consistency = ctx.Consistency,
                Required = ConsistencyRules.BlockFor(ctx.Consistency, strategy, Identity.DataCenter),
                Received = 0,
                Failures = replicas.Count,
            };
        }
        if (o.Tombstones > settings.TombstoneWarnThreshold)
            ctx.Warnings.Add($"Read {o.RowsExamined} live rows and {o.Tombstones} tombstone cells for query {plan.Statement.Text} (see tombstone_warn_threshold)");
        return result;
    }

    private static string RangeText((long From, long To)? range)
        => range is { } r ? $"(min({r.From}), max({r.To})]" : "(min(-9223372036854775808), max(9223372036854775807)]";

    /// <summary>
    /// Checks every token (or every ring range of a range read) against the consistency level and picks the
    /// replicas that serve: the coordinator first when it is one, then its data center, as the snitch orders them.
    /// </summary>
    private List<CassandraNode> ReadReplicas(ReplicationStrategy strategy, ReadTarget target, StatementContext ctx)
    {
        var chosen = new List<CassandraNode>();
        var topology = Cluster.Topology;
        var sets = target.Tokens is { } tokens
            ? tokens.Select(t => topology.ReplicasOf(t, strategy))
            : topology.ReplicasOfRange(target.From, target.To, strategy);
        if (target.Tokens is not null) ctx.Outcome.Tokens.AddRange(target.Tokens);
        else ctx.Outcome.Range = (target.From, target.To);
        var blockFor = ConsistencyRules.BlockFor(ctx.Consistency, strategy, Identity.DataCenter);
        IReadOnlyList<CassandraNode>? previous = null;
        foreach (var set in sets)
        {
            // The same replicas as the token before (one shared list): the same check and the same choice.
            if (ReferenceEquals(set, previous)) continue;
            previous = set;
            var nodes = set;
            ConsistencyRules.AssureSufficientLiveReplicas(ctx.Consistency, strategy, Identity.DataCenter,
                nodes.Select(n => (n.Identity.DataCenter, n.IsUp)).ToList(), isWrite: false);
            var live = nodes.Where(n => n.IsUp)
                .OrderBy(n => ReferenceEquals(n, this) ? 0 : n.Identity.DataCenter == Identity.DataCenter ? 1 : 2)
                .ToList();
            IEnumerable<CassandraNode> serving;
            if (ctx.Consistency == ConsistencyLevel.EachQuorum && strategy.IsNetworkTopology)
                serving = strategy.PerDataCenter.SelectMany(p => live.Where(n => n.Identity.DataCenter == p.Key).Take(p.Value / 2 + 1));
            else if (ctx.Consistency is ConsistencyLevel.LocalOne or ConsistencyLevel.LocalQuorum or ConsistencyLevel.LocalSerial)
                serving = live.Where(n => n.Identity.DataCenter == Identity.DataCenter).Take(blockFor);
            else
                serving = live.Take(blockFor);
            foreach (var n in serving)
            {
                if (!chosen.Contains(n)) chosen.Add(n);
                ctx.Outcome.AddReplica(n.Address);
            }
        }
        return chosen;
    }

    private StatementResult ExecuteBatch(BatchStatement batch, StatementContext ctx)
    {
        var timestamp = ctx.StatementTimestamp;
        if (batch.Using.Timestamp is not null)
        {
            var v = TermEvaluator.Evaluate(batch.Using.Timestamp, ColumnType.Bigint, "[timestamp]", ctx);
            if (v is not null && !StatementContext.IsUnset(v)) timestamp = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(v);
        }
        foreach (var s in batch.Statements)
            if (batch.Using.Timestamp is not null && s.Using.Timestamp is not null)
                throw new CqlInvalidException("Timestamp must be set either on BATCH or individual statements");
        return ExecuteWrites(batch.Statements.Select(s => (s, ctx)).ToList(), ctx, batch.Kind, timestamp);
    }

    /// <summary>Runs the statements of a BATCH message, each with its own values, under one timestamp.</summary>
    public StatementResult ExecuteBatch(BatchKind kind, IReadOnlyList<(CqlStatement Statement, StatementContext Context)> statements, StatementContext batchContext)
    {
        var timestamp = batchContext.DefaultTimestamp ?? Cluster.NextTimestamp();
        var writes = new List<(ModificationStatement, StatementContext)>();
        foreach (var (statement, ctx) in statements)
        {
            if (statement is not ModificationStatement s)
                throw new CqlInvalidException("Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.");
            writes.Add((s, ctx));
        }
        return ExecuteWrites(writes, batchContext, kind, timestamp);
    }

    /// <summary>
    /// Writes one statement, or the statements of a batch: validates them all, checks the consistency level against
    /// each partition's live replicas, the mutation size and the batch limits, then applies them.
    /// </summary>
    private StatementResult ExecuteWrites(IReadOnlyList<(ModificationStatement Statement, StatementContext Context)> statements, StatementContext request,
        BatchKind? batchKind, long timestamp)
    {
        var pending = new List<PendingMutation>();
        TableStore? onlyStore = null;
        var oneStore = true;
        foreach (var (s, ctx) in statements)
        {
            var table = ResolveTable(s.Table, ctx.Keyspace);
            var store = WritableStoreOf(table);
            oneStore &= onlyStore is null || ReferenceEquals(onlyStore, store);
            onlyStore = store;
            if (batchKind is { } kind)
            {
                if (s.IfNotExists || s.IfExists || s.Conditions.Count > 0)
                    throw new CqlInvalidException("Conditional statements in batches are not supported by this emulator");
                if (kind == BatchKind.Counter && !table.IsCounter) throw new CqlInvalidException("Cannot include non-counter statement in a counter batch");
                if (kind != BatchKind.Counter && table.IsCounter) throw new CqlInvalidException("Counter and non-counter mutations cannot exist in the same batch");
            }
            ConsistencyRules.ValidateForWrite(request.Consistency, table.IsCounter, table.Name);
            pending.Add(ModificationExecutor.Prepare(s, store, ctx, timestamp));
        }
        request.Outcome.Keyspace = pending.Count > 0 ? pending[0].Table.Keyspace : null;
        request.Outcome.Table = pending.Count > 0 ? pending[0].Table.Name : null;

        WriteLimits.Check(pending, batchKind, Cluster.Settings, request);
        var topology = Cluster.Topology;
        IReadOnlyList<CassandraNode>? previous = null;
        ReplicationStrategy? previousStrategy = null;
        foreach (var p in pending)
        {
            var strategy = Cluster.StrategyOf(KeyspaceOf(p.Table));
            foreach (var token in p.Tokens)
            {
                request.Outcome.Tokens.Add(token);
                var replicas = topology.ReplicasOf(token, strategy);
                // The same replicas under the same strategy as the token before (one shared list): already checked and recorded.
                if (ReferenceEquals(replicas, previous) && ReferenceEquals(strategy, previousStrategy)) continue;
                previous = replicas;
                previousStrategy = strategy;
                ConsistencyRules.AssureSufficientLiveReplicas(request.Consistency, strategy, Identity.DataCenter,
                    replicas.Select(n => (n.Identity.DataCenter, n.IsUp)).ToList(), isWrite: true);
                foreach (var r in replicas.Where(r => r.IsUp)) request.Outcome.AddReplica(r.Address);
            }
        }
        request.TraceAt(Address, "Determining replicas for mutation");
        StatementResult result = VoidResult.Instance;
        // A batch of one table takes its write lock once (each statement's apply re-enters it), so readers and
        // other writers wait for one hand-over a batch rather than one a statement.
        var batchLock = oneStore && pending.Count > 1 ? onlyStore!.Lock : null;
        batchLock?.EnterWriteLock();
        try
        {
            foreach (var p in pending) result = p.Apply();
        }
        finally
        {
            batchLock?.ExitWriteLock();
        }
        foreach (var p in pending)
        {
            foreach (var replica in request.Outcome.Replicas)
            {
                if (!replica.Equals(Address)) request.TraceAt(Address, $"Sending MUTATION_REQ message to /{replica}:7000");
                request.TraceAt(replica, "Appending to commitlog");
                request.TraceAt(replica, $"Adding to {p.Table.Name} memtable");
            }
        }
        return statements.Count == 1 ? result : VoidResult.Instance;
    }
}
