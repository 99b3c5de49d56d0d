using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// The node's engine, independent of the wire: schema (swapped atomically), table data, prepared statements,
/// and the execution of every statement kind.
/// </summary>
internal sealed class CassandraNode
{
    private readonly object _ddlLock = new();
    private readonly ConcurrentDictionary<Guid, TableStore> _stores = new();
    private readonly ConcurrentDictionary<string, PreparedStatementInfo> _prepared = new(StringComparer.Ordinal);
    private readonly SystemTables _systemTables;
    private volatile SchemaSnapshot _schema;
    private long _lastTimestamp;

    public CassandraNode(NodeIdentity identity)
    {
        Identity = identity;
        _systemTables = new SystemTables(identity);
        _schema = SystemTables.InitialSchema();
    }

    public NodeIdentity Identity { get; }
    public SchemaSnapshot Schema => _schema;

    /// <summary>Raised after each schema change, for EVENT frames to registered connections.</summary>
    public event Action<SchemaChangeResult>? SchemaChanged;

    /// <summary>A write timestamp in microseconds, strictly increasing across the node (as Cassandra's ClientState does).</summary>
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

    public static int NowInSeconds() => (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public TableSchema ResolveTable(QualifiedName name, string? currentKeyspace)
    {
        var ksName = StatementContext.KeyspaceOf(name, currentKeyspace);
        var ks = _schema.FindKeyspace(ksName) ?? throw new CqlInvalidException($"Keyspace {ksName} does not exist");
        return ks.Tables.TryGetValue(name.Name, out var table) ? table : throw new CqlInvalidException($"unconfigured table {name.Name}");
    }

    private TableStore StoreOf(TableSchema table)
    {
        var ks = _schema.FindKeyspace(table.Keyspace);
        if (ks is not null && ks.IsSystem) return _systemTables.StoreFor(table, _schema);
        return _stores.GetOrAdd(table.Id, _ => new TableStore(table));
    }

    private TableStore WritableStoreOf(TableSchema table)
    {
        var ks = _schema.FindKeyspace(table.Keyspace);
        if (ks is not null && ks.IsSystem) throw new CqlUnauthorizedException($"{table.Keyspace} keyspace is not user-modifiable.");
        return StoreOf(table);
    }

    // ------------------------------------------------------------------ PREPARE

    public PreparedStatementInfo Prepare(string query, string? keyspace)
    {
        var statement = CqlParser.Parse(query);
        IReadOnlyList<ColumnSpec>? resultColumns = null;
        switch (statement)
        {
            case SelectStatement select:
                resultColumns = SelectPlan.Build(select, ResolveTable(select.Table, keyspace)).ResultColumns;
                break;
            case ModificationStatement modification:
                // No result metadata, even for IF ... statements: their rows vary ([applied] alone, or with the
                // existing values), so clients must not skip metadata when executing them (as with Cassandra).
                ModificationExecutor.Validate(modification, ResolveTable(modification.Table, keyspace));
                break;
            case BatchStatement batch:
                foreach (var s in batch.Statements) ModificationExecutor.Validate(s, ResolveTable(s.Table, keyspace));
                break;
        }
        var (variables, pkIndexes) = BindAnalyzer.Analyze(statement, n => ResolveTable(n, keyspace));
        var id = PreparedId(query, keyspace);
        var info = new PreparedStatementInfo(id, query, keyspace, statement, variables, pkIndexes, resultColumns);
        _prepared[Convert.ToHexString(id)] = info;
        return info;
    }

    public static byte[] PreparedId(string query, string? keyspace)
        => MD5.HashData(Encoding.UTF8.GetBytes((keyspace ?? "") + query));

    public PreparedStatementInfo? FindPrepared(byte[] id) => _prepared.TryGetValue(Convert.ToHexString(id), out var p) ? p : null;

    /// <summary>Forgets prepared statements (clients must re-prepare after UNPREPARED).</summary>
    public void ClearPrepared() => _prepared.Clear();

    // ------------------------------------------------------------------ EXECUTE

    public StatementResult Execute(CqlStatement statement, StatementContext ctx)
    {
        ctx.StatementTimestamp = ctx.DefaultTimestamp ?? NextTimestamp();
        switch (statement)
        {
            case SelectStatement select:
            {
                var table = ResolveTable(select.Table, ctx.Keyspace);
                var plan = SelectPlan.Build(select, table);
                return SelectExecutor.Execute(plan, StoreOf(table), ctx);
            }
            case ModificationStatement modification:
            {
                var table = ResolveTable(modification.Table, ctx.Keyspace);
                return ModificationExecutor.Execute(modification, WritableStoreOf(table), ctx, ctx.StatementTimestamp);
            }
            case BatchStatement batch:
                return ExecuteBatch(batch, ctx);
            case UseStatement use:
                if (_schema.FindKeyspace(use.Keyspace) is null) throw new CqlInvalidException($"Keyspace '{use.Keyspace}' does not exist");
                return new SetKeyspaceResult(use.Keyspace);
            case TruncateStatement truncate:
            {
                var table = ResolveTable(truncate.Table, ctx.Keyspace);
                var store = WritableStoreOf(table);
                store.Lock.EnterWriteLock();
                try { store.Clear(); }
                finally { store.Lock.ExitWriteLock(); }
                return VoidResult.Instance;
            }
            default:
                return ExecuteSchemaChange(statement, ctx.Keyspace);
        }
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
        {
            if (s.IfNotExists || s.IfExists || s.Conditions.Count > 0)
                throw new CqlInvalidException("Conditional statements in batches are not supported by this emulator");
            if (batch.Using.Timestamp is not null && s.Using.Timestamp is not null)
                throw new CqlInvalidException("Timestamp must be set either on BATCH or individual statements");
            var table = ResolveTable(s.Table, ctx.Keyspace);
            if (batch.Kind == BatchKind.Counter && !table.IsCounter) throw new CqlInvalidException("Cannot include non-counter statement in a counter batch");
            if (batch.Kind != BatchKind.Counter && table.IsCounter) throw new CqlInvalidException("Counter and non-counter mutations cannot exist in the same batch");
            ModificationExecutor.Validate(s, table);
        }
        foreach (var s in batch.Statements)
        {
            var table = ResolveTable(s.Table, ctx.Keyspace);
            ModificationExecutor.Execute(s, WritableStoreOf(table), ctx, timestamp);
        }
        return VoidResult.Instance;
    }

    /// <summary>Runs the statements of a BATCH message, each with its own values, under one timestamp.</summary>
    public StatementResult ExecuteBatch(BatchKind kind, IReadOnlyList<(CqlStatement Statement, StatementContext Context)> statements, long? defaultTimestamp)
    {
        var timestamp = defaultTimestamp ?? NextTimestamp();
        foreach (var (statement, ctx) in statements)
        {
            if (statement is not ModificationStatement s)
                throw new CqlInvalidException("Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.");
            if (s.IfNotExists || s.IfExists || s.Conditions.Count > 0)
                throw new CqlInvalidException("Conditional statements in batches are not supported by this emulator");
            var table = ResolveTable(s.Table, ctx.Keyspace);
            if (kind == BatchKind.Counter && !table.IsCounter) throw new CqlInvalidException("Cannot include non-counter statement in a counter batch");
            if (kind != BatchKind.Counter && table.IsCounter) throw new CqlInvalidException("Counter and non-counter mutations cannot exist in the same batch");
            ModificationExecutor.Validate(s, table);
        }
        foreach (var (statement, ctx) in statements)
        {
            var s = (ModificationStatement)statement;
            ModificationExecutor.Execute(s, WritableStoreOf(ResolveTable(s.Table, ctx.Keyspace)), ctx, timestamp);
        }
        return VoidResult.Instance;
    }

    private StatementResult ExecuteSchemaChange(CqlStatement statement, string? keyspace)
    {
        SchemaChangeResult? change;
        lock (_ddlLock)
        {
            var (next, c) = SchemaExecutor.Apply(_schema, statement, keyspace);
            change = c;
            if (next is null) return VoidResult.Instance;
            var dropped = _schema.Keyspaces.Values.SelectMany(k => k.Tables.Values).Select(t => t.Id)
                .Except(next.Keyspaces.Values.SelectMany(k => k.Tables.Values).Select(t => t.Id)).ToList();
            // Altered tables (ALTER TABLE/TYPE) get their data moved under the new definition and column layout.
            foreach (var table in next.Keyspaces.Values.Where(k => !k.IsSystem).SelectMany(k => k.Tables.Values))
            {
                if (_stores.TryGetValue(table.Id, out var store) && !ReferenceEquals(store.Schema, table))
                    _stores[table.Id] = store.MigrateTo(table);
            }
            _schema = next;
            foreach (var id in dropped) _stores.TryRemove(id, out _);
        }
        if (change is not null) SchemaChanged?.Invoke(change);
        return (StatementResult?)change ?? VoidResult.Instance;
    }
}
