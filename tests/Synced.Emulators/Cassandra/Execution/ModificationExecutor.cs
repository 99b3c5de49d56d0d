using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// INSERT, UPDATE and DELETE: resolves the rows a statement targets, then applies cells, markers and tombstones
/// under the table's write lock. Lightweight transactions (IF ...) are checked under the same lock.
/// </summary>
internal sealed class ModificationExecutor
{
    private readonly ModificationStatement _statement;
    private readonly TableStore _store;
    private readonly TableSchema _table;
    private readonly StatementContext _ctx;
    private long _timestamp;
    private int _ttl;

    private ModificationExecutor(ModificationStatement statement, TableStore store, StatementContext ctx)
    {
        _statement = statement;
        _store = store;
        _table = store.Schema;
        _ctx = ctx;
    }

    /// <summary>Checks what Cassandra checks at PREPARE time (no values needed).</summary>
    public static void Validate(ModificationStatement statement, TableSchema table)
    {
        if (statement is InsertStatement insert)
        {
            if (insert.Json is not null) throw new CqlInvalidException("INSERT JSON is not supported by this emulator");
            if (table.IsCounter) throw new CqlInvalidException("INSERT statements are not allowed on counter tables, use UPDATE instead");
            var seen = new HashSet<string>();
            foreach (var c in insert.Columns)
            {
                table.Column(c);
                if (!seen.Add(c)) throw new CqlInvalidException($"Multiple definitions found for column {c}");
            }
            // Setting only static columns needs no clustering key (the write goes to the partition's static row).
            var onlyStatic = insert.Columns.Select(table.Column).Where(c => !c.IsPrimaryKey).All(c => c.Kind == ColumnKind.Static)
                && insert.Columns.Any(c => table.Column(c).Kind == ColumnKind.Static)
                && !insert.Columns.Any(c => table.Column(c).Kind == ColumnKind.Clustering);
            foreach (var pk in table.PartitionKey.Concat(onlyStatic ? Enumerable.Empty<ColumnSchema>() : table.Clustering))
                if (!seen.Contains(pk.Name))
                    throw new CqlInvalidException(pk.Kind == ColumnKind.PartitionKey ? $"Some partition key parts are missing: {pk.Name}" : $"Some clustering keys are missing: {pk.Name}");
        }
        else
        {
            var where = statement is UpdateStatement u ? u.Where : ((DeleteStatement)statement).Where;
            foreach (var r in where)
            {
                if (r.IsToken) throw new CqlInvalidException("The token function cannot be used in WHERE clauses for UPDATE and DELETE statements");
                var column = table.Column(r.Columns[0]);
                if (!column.IsPrimaryKey) throw new CqlInvalidException($"Non PRIMARY KEY columns found in where clause: {column.Name} ");
                if (r.Operator is not (RelationOperator.Eq or RelationOperator.In) && !(statement is DeleteStatement && column.Kind == ColumnKind.Clustering))
                    throw new CqlInvalidException($"Invalid operator {SelectPlan.OperatorText(r.Operator)} for PRIMARY KEY part {column.Name}");
            }
            foreach (var pk in table.PartitionKey)
                if (!where.Any(r => r.Columns[0] == pk.Name))
                    throw new CqlInvalidException($"Some partition key parts are missing: {pk.Name}");
            if (statement is UpdateStatement update)
            {
                var onlyStatic = update.Assignments.All(a => table.Column(a.Column).Kind == ColumnKind.Static);
                if (!onlyStatic)
                    foreach (var ck in table.Clustering)
                        if (!where.Any(r => r.Columns[0] == ck.Name))
                            throw new CqlInvalidException($"Some clustering keys are missing: {ck.Name}");
                foreach (var a in update.Assignments)
                {
                    var column = table.Column(a.Column);
                    if (column.IsPrimaryKey) throw new CqlInvalidException($"PRIMARY KEY part {column.Name} found in SET part");
                    if (column.Type.Kind == TypeKind.Counter && a.Kind == AssignmentKind.Set)
                        throw new CqlInvalidException($"Cannot set the value of counter column {column.Name} (counters can only be incremented/decremented, not set)");
                    if (a.Kind is AssignmentKind.Add or AssignmentKind.Remove or AssignmentKind.Prepend && column.Type.Kind != TypeKind.Counter && !column.Type.IsMultiCell)
                        throw new CqlInvalidException($"Invalid operation ({column.Name} = {column.Name} + ?) for non counter column {column.Name}");
                    if (a.Kind == AssignmentKind.Prepend && column.Type.Kind != TypeKind.List)
                        throw new CqlInvalidException($"Invalid operation ({column.Name} = ? + {column.Name}) for non list column {column.Name}");
                }
            }
            else
            {
                foreach (var t in ((DeleteStatement)statement).Targets)
                {
                    var column = table.Column(t.Column);
                    if (column.IsPrimaryKey) throw new CqlInvalidException($"Invalid identifier {column.Name} for deletion (should not be a PRIMARY KEY part)");
                }
            }
        }
        if (table.IsCounter && statement.Using.Timestamp is not null)
            throw new CqlInvalidException("Cannot provide custom timestamp for counter updates");
        if (table.IsCounter && statement.Using.Ttl is not null)
            throw new CqlInvalidException("Cannot provide custom TTL for counter updates");
        if (statement is DeleteStatement && statement.Using.Ttl is not null)
            throw new CqlInvalidException("TTL attributes are not supported on DELETE statements");
    }

    /// <summary>
    /// Evaluates a write (its rows, values, timestamp and TTL) without applying it, so the coordinator can check
    /// consistency and size limits first; <see cref="PendingMutation.Apply"/> then writes it.
    /// </summary>
    public static PendingMutation Prepare(ModificationStatement statement, TableStore store, StatementContext ctx, long defaultTimestamp)
    {
        Validate(statement, store.Schema);
        var executor = new ModificationExecutor(statement, store, ctx);
        return executor.Plan(defaultTimestamp);
    }

    private PendingMutation Plan(long defaultTimestamp)
    {
        _timestamp = defaultTimestamp;
        if (_statement.Using.Timestamp is not null)
        {
            var v = TermEvaluator.Evaluate(_statement.Using.Timestamp, ColumnType.Bigint, "[timestamp]", _ctx)
                ?? throw new CqlInvalidException("Invalid null value of timestamp");
            if (!StatementContext.IsUnset(v)) _timestamp = BinaryPrimitives.ReadInt64BigEndian(v);
        }
        _ttl = _table.DefaultTtl;
        if (_statement.Using.Ttl is not null)
        {
            var v = TermEvaluator.Evaluate(_statement.Using.Ttl, ColumnType.Int, "[ttl]", _ctx)
                ?? throw new CqlInvalidException("Invalid null value of TTL");
            if (!StatementContext.IsUnset(v))
            {
                _ttl = BinaryPrimitives.ReadInt32BigEndian(v);
                if (_ttl < 0) throw new CqlInvalidException($"A TTL must be greater or equal to 0, but was {_ttl}");
                if (_ttl > 630720000) throw new CqlInvalidException($"ttl is too large. requested ({_ttl}) maximum (630720000)");
            }
        }

        var (partitions, clusterings) = Targets();
        var writes = PrepareWrites();
        var conditional = _statement.IfNotExists || _statement.IfExists || _statement.Conditions.Count > 0;
        if (conditional && (partitions.Count != 1 || clusterings.Count > 1))
            throw new CqlInvalidException("IN on the partition key is not supported with conditional updates");
        // Cassandra's data size of the update: per row its clustering, liveness (INSERT) and cells (timestamp + value).
        var rowSize = (_statement is InsertStatement ? 8 : 0) + writes.Sum(w => 8L + (w.Value?.Length ?? 0) + (w.Element?.Length ?? 0));
        var perPartition = clusterings.Count == 0 ? rowSize : clusterings.Sum(c => c.Sum(v => (long)v.Length) + rowSize);
        var keys = new List<MutatedPartition>(partitions.Count);
        foreach (var p in partitions) keys.Add(new MutatedPartition(p.Token, p.Key, perPartition + p.Key.Length, () => PartitionKeyText(p.Components)));
        return new PendingMutation(_table, keys, () => Apply(partitions, clusterings, writes, conditional));
    }

    /// <summary>The partition key as Cassandra's key validator prints it (components joined by ':').</summary>
    private string PartitionKeyText(byte[][] components)
        => string.Join(":", components.Select((c, i) => Values.ValueFormatter.Format(_table.PartitionKey[i].Type, c).Trim('\'')));

    private StatementResult Apply(List<(long Token, byte[] Key, byte[][] Components)> partitions, List<byte[][]> clusterings, List<ColumnWrite> prepared, bool conditional)
    {
        _store.Lock.EnterWriteLock();
        try
        {
            if (conditional)
            {
                var check = CheckCondition(partitions[0], clusterings.Count == 1 ? clusterings[0] : null);
                if (check is not null) return check;
            }
            foreach (var pk in partitions)
            {
                var partition = _store.GetOrCreate(pk.Token, pk.Key, pk.Components);
                if (clusterings.Count == 0 && _table.Clustering.Count > 0 || clusterings.Count == 1 && clusterings[0].Length < _table.Clustering.Count)
                    ApplyToPartition(partition, clusterings.Count == 1 ? clusterings[0] : Array.Empty<byte[]>(), prepared);
                else if (clusterings.Count == 0)
                    Apply(partition, Array.Empty<byte[]>(), prepared);
                else
                    foreach (var ck in clusterings) Apply(partition, ck, prepared);
            }
        }
        finally
        {
            _store.Lock.ExitWriteLock();
        }
        if (conditional) return Applied(true, null);
        return VoidResult.Instance;
    }

    private (List<(long Token, byte[] Key, byte[][] Components)>, List<byte[][]>) Targets()
    {
        var values = new Dictionary<string, List<byte[]>>();
        if (_statement is InsertStatement insert)
        {
            for (var i = 0; i < insert.Columns.Count; i++)
            {
                var column = _table.Column(insert.Columns[i]);
                if (!column.IsPrimaryKey) continue;
                var v = TermEvaluator.Evaluate(insert.Values[i], column.Type, column.Name, _ctx);
                values[column.Name] = new List<byte[]> { KeyValue(column, v) };
            }
        }
        else
        {
            var where = _statement is UpdateStatement u ? u.Where : ((DeleteStatement)_statement).Where;
            foreach (var r in where)
            {
                var column = _table.Column(r.Columns[0]);
                if (r.Operator is not (RelationOperator.Eq or RelationOperator.In))
                    throw new CqlInvalidException("Range deletions on clustering columns are not supported by this emulator");
                var bound = BoundRelation.Bind(column, r, _ctx);
                var list = bound.InValues ?? new List<byte[]> { bound.Value! };
                foreach (var v in list) KeyValue(column, v);
                values[column.Name] = list;
            }
        }
        var partitionCombos = Cartesian(_table.PartitionKey.Select(c => values[c.Name]).ToList());
        var partitions = partitionCombos.Select(components =>
        {
            var key = PartitionKeyCodec.Compose(components);
            return (Tokens.Of(key), key, components);
        }).ToList();
        var clusteringColumns = _table.Clustering.TakeWhile(c => values.ContainsKey(c.Name)).ToList();
        foreach (var c in _table.Clustering.Skip(clusteringColumns.Count))
            if (values.ContainsKey(c.Name))
                throw new CqlInvalidException($"PRIMARY KEY column \"{c.Name}\" cannot be restricted as preceding column \"{_table.Clustering[clusteringColumns.Count].Name}\" is not restricted");
        var clusterings = clusteringColumns.Count == 0 ? new List<byte[][]>() : Cartesian(clusteringColumns.Select(c => values[c.Name]).ToList());
        return (partitions, clusterings);
    }

    private static byte[] KeyValue(ColumnSchema column, byte[]? value)
    {
        if (value is null) throw new CqlInvalidException($"Invalid null value in condition for column {column.Name}");
        if (StatementContext.IsUnset(value)) throw new CqlInvalidException($"Invalid unset value for column {column.Name}");
        if (value.Length == 0 && column.Kind == ColumnKind.PartitionKey)
            throw new CqlInvalidException("Key may not be empty");
        return value;
    }

    private static List<byte[][]> Cartesian(List<List<byte[]>> lists)
    {
        if (lists.TrueForAll(l => l.Count == 1))
        {
            // One value per column (every INSERT, most UPDATEs): the one combination, without the general product.
            var single = new byte[lists.Count][];
            for (var i = 0; i < lists.Count; i++) single[i] = lists[i][0];
            return new List<byte[][]>(1) { single };
        }
        var combos = new List<byte[][]> { Array.Empty<byte[]>() };
        foreach (var values in lists) combos = combos.SelectMany(c => values.Select(v => c.Append(v).ToArray())).ToList();
        return combos;
    }

    /// <summary>A write to one column, with its value evaluated before the lock is taken.</summary>
    private sealed class ColumnWrite
    {
        public ColumnSchema Column = null!;
        public AssignmentKind Kind;
        public byte[]? Value;
        public byte[]? Element;
        public bool Delete;
        public string? Field;
    }

    private List<ColumnWrite> PrepareWrites()
    {
        var writes = new List<ColumnWrite>();
        switch (_statement)
        {
            case InsertStatement insert:
                for (var i = 0; i < insert.Columns.Count; i++)
                {
                    var column = _table.Column(insert.Columns[i]);
                    if (column.IsPrimaryKey) continue;
                    var v = TermEvaluator.Evaluate(insert.Values[i], column.Type, column.Name, _ctx);
                    if (StatementContext.IsUnset(v)) continue;
                    writes.Add(new ColumnWrite { Column = column, Kind = AssignmentKind.Set, Value = v });
                }
                break;
            case UpdateStatement update:
                foreach (var a in update.Assignments)
                {
                    var column = _table.Column(a.Column);
                    var w = new ColumnWrite { Column = column, Kind = a.Kind, Field = a.Field };
                    var t = column.Type;
                    switch (a.Kind)
                    {
                        case AssignmentKind.SetElement:
                            if (t.Kind == TypeKind.Map)
                            {
                                w.Element = TermEvaluator.Evaluate(a.Element!, t.Parameters[0], $"key({column.Name})", _ctx);
                                w.Value = TermEvaluator.Evaluate(a.Value, t.Parameters[1], $"value({column.Name})", _ctx);
                            }
                            else if (t.Kind == TypeKind.List)
                            {
                                w.Element = TermEvaluator.Evaluate(a.Element!, ColumnType.Int, $"idx({column.Name})", _ctx);
                                w.Value = TermEvaluator.Evaluate(a.Value, t.Parameters[0], $"value({column.Name})", _ctx);
                            }
                            else throw new CqlInvalidException($"Invalid operation ({column.Name}[?] = ?) for non list/map column {column.Name}");
                            if (!t.IsMultiCell) throw new CqlInvalidException($"Invalid operation ({column.Name}[?] = ?) for frozen collection column {column.Name}");
                            break;
                        case AssignmentKind.SetField:
                            if (t.Kind != TypeKind.Udt || !t.IsMultiCell) throw new CqlInvalidException($"Invalid operation ({column.Name}.{a.Field} = ?) for non-UDT or frozen UDT column {column.Name}");
                            var fi = t.FieldNames.ToList().IndexOf(a.Field!);
                            if (fi < 0) throw new CqlInvalidException($"UDT column {column.Name} does not have a field named {a.Field}");
                            w.Value = TermEvaluator.Evaluate(a.Value, t.Parameters[fi], $"{column.Name}.{a.Field}", _ctx);
                            break;
                        case AssignmentKind.Remove when t.Kind == TypeKind.Map:
                            w.Value = TermEvaluator.Evaluate(a.Value, ColumnType.SetOf(t.Parameters[0]), column.Name, _ctx);
                            break;
                        case AssignmentKind.Add or AssignmentKind.Remove when t.Kind == TypeKind.Counter:
                            w.Value = TermEvaluator.Evaluate(a.Value, ColumnType.Bigint, column.Name, _ctx);
                            break;
                        default:
                            w.Value = TermEvaluator.Evaluate(a.Value, t, column.Name, _ctx);
                            break;
                    }
                    if (StatementContext.IsUnset(w.Value) || StatementContext.IsUnset(w.Element)) continue;
                    writes.Add(w);
                }
                break;
            case DeleteStatement delete:
                foreach (var target in delete.Targets)
                {
                    var column = _table.Column(target.Column);
                    var w = new ColumnWrite { Column = column, Delete = true };
                    if (target.Element is not null)
                    {
                        if (!column.Type.IsMultiCell || column.Type.Kind is not (TypeKind.Map or TypeKind.List or TypeKind.Set))
                            throw new CqlInvalidException($"Invalid element deletion on non-collection or frozen column {column.Name}");
                        var keyType = column.Type.Kind == TypeKind.List ? ColumnType.Int : column.Type.Parameters[0];
                        w.Element = TermEvaluator.Evaluate(target.Element, keyType, $"key({column.Name})", _ctx)
                            ?? throw new CqlInvalidException($"Invalid null value for {column.Name} element");
                    }
                    writes.Add(w);
                }
                break;
        }
        return writes;
    }

    private RowsResult? CheckCondition((long Token, byte[] Key, byte[][] Components) pk, byte[][]? clustering)
    {
        var now = _ctx.NowInSeconds;
        var partition = _store.Find(pk.Token, pk.Key);
        Row? row = null;
        var deletion = long.MinValue;
        if (partition is not null)
        {
            row = TableStore.FindRow(partition, clustering ?? Array.Empty<byte[]>());
            if (row is not null)
            {
                deletion = partition.DeletionFor(row);
                if (!row.IsLive(deletion, now, _table)) row = null;
            }
        }
        var view = partition is null ? default : new RowView(partition, row, deletion, now);
        if (_statement.IfNotExists)
            return row is null ? null : Applied(false, view);
        if (_statement.IfExists)
            return row is not null ? null : Applied(false, null);
        foreach (var condition in _statement.Conditions)
        {
            var column = _table.Column(condition.Columns[0]);
            if (column.IsPrimaryKey) throw new CqlInvalidException($"PRIMARY KEY column '{column.Name}' cannot have IF conditions");
            var actual = row is null && column.Kind != ColumnKind.Static ? null : partition is null ? null : view.ValueOf(column);
            var value = condition.Operator == RelationOperator.In ? null : TermEvaluator.Evaluate(condition.Value!, column.Type, column.Name, _ctx);
            var ok = condition.Operator == RelationOperator.Eq && value is null ? actual is null
                : condition.Operator == RelationOperator.Neq && value is null ? actual is not null
                : BoundRelation.Bind(column, condition, _ctx).Matches(actual);
            if (!ok) return Applied(false, partition is null ? null : view, _statement.Conditions.Select(c => _table.Column(c.Columns[0])).Distinct().ToList());
        }
        return null;
    }

    private RowsResult Applied(bool applied, RowView? existing, List<ColumnSchema>? columns = null)
    {
        var specs = new List<ColumnSpec> { new(_table.Keyspace, _table.Name, "[applied]", ColumnType.Boolean) };
        var row = new List<byte[]?> { new[] { (byte)(applied ? 1 : 0) } };
        if (!applied && existing is { } view && view.Partition is not null)
        {
            foreach (var c in columns ?? _table.AllColumns.ToList())
            {
                specs.Add(new ColumnSpec(_table.Keyspace, _table.Name, c.Name, c.Type));
                row.Add(view.Row is null && c.Kind != ColumnKind.Static && c.Kind != ColumnKind.PartitionKey ? null : view.ValueOf(c));
            }
        }
        return new RowsResult(specs, new List<byte[]?[]> { row.ToArray() }, null);
    }

    /// <summary>A DELETE or static-only UPDATE that names no (or only part of the) clustering key.</summary>
    private void ApplyToPartition(Partition partition, byte[][] prefix, List<ColumnWrite> writes)
    {
        if (_statement is DeleteStatement && writes.Count == 0)
        {
            if (prefix.Length == 0) partition.Delete(_timestamp);
            else partition.RangeDeletions.Add(new KeyValuePair<byte[][], long>(prefix, _timestamp));
            return;
        }
        foreach (var w in writes)
        {
            if (w.Column.Kind != ColumnKind.Static)
                throw new CqlInvalidException(prefix.Length == 0
                    ? $"Some clustering keys are missing: {_table.Clustering[0].Name}"
                    : $"Some clustering keys are missing: {_table.Clustering[prefix.Length].Name}");
            ApplyColumn(partition, partition.Static, partition.DeletionTimestamp, w);
        }
    }

    private void Apply(Partition partition, byte[][] clustering, List<ColumnWrite> writes)
    {
        var row = _store.GetOrCreateRow(partition, clustering);
        if (_statement is InsertStatement) row.WriteMarker(_timestamp, _ttl, _ctx.NowInSeconds);
        if (_statement is DeleteStatement && writes.Count == 0)
        {
            row.Delete(_timestamp);
            return;
        }
        var deletion = partition.DeletionFor(row);
        foreach (var w in writes)
        {
            if (w.Column.Kind == ColumnKind.Static) ApplyColumn(partition, partition.Static, partition.DeletionTimestamp, w);
            else ApplyColumn(partition, row, deletion, w);
        }
    }

    private void ApplyColumn(Partition partition, Row row, long deletion, ColumnWrite w)
    {
        var now = _ctx.NowInSeconds;
        var column = w.Column;
        var type = column.Type;
        var index = column.CellIndex;
        if (w.Delete && w.Element is null)
        {
            _store.WriteCell(partition, row, column, Cell.Tombstone(_timestamp, now));
            return;
        }
        byte[]? result;
        if (w.Delete)
        {
            result = RemoveElement(column, row.LiveCell(index, deletion, now)?.Value, w.Element!);
        }
        else if (type.Kind == TypeKind.Counter)
        {
            var current = row.LiveCell(index, deletion, now)?.Value;
            var delta = w.Value is null ? throw new CqlInvalidException($"Invalid null value for counter increment on {column.Name}") : BinaryPrimitives.ReadInt64BigEndian(w.Value);
            var sum = (current is null ? 0 : BinaryPrimitives.ReadInt64BigEndian(current)) + (w.Kind == AssignmentKind.Remove ? -delta : delta);
            result = LiteralCodec.Int64(sum);
        }
        else
        {
            switch (w.Kind)
            {
                case AssignmentKind.Set:
                    result = w.Value;
                    if (result is not null && result.Length >= 4 && type.IsMultiCell && type.IsCollection && BinaryPrimitives.ReadInt32BigEndian(result) == 0) result = null;
                    break;
                case AssignmentKind.Add:
                case AssignmentKind.Prepend:
                case AssignmentKind.Remove:
                    result = Combine(type, row.LiveCell(index, deletion, now)?.Value, w.Value, w.Kind);
                    break;
                case AssignmentKind.SetElement:
                    result = SetElement(column, row.LiveCell(index, deletion, now)?.Value, w.Element, w.Value);
                    break;
                case AssignmentKind.SetField:
                {
                    var current = row.LiveCell(index, deletion, now)?.Value;
                    var fields = current is null ? new List<byte[]?>() : CollectionValues.SplitFields(current);
                    while (fields.Count < type.FieldNames.Count) fields.Add(null);
                    fields[type.FieldNames.ToList().IndexOf(w.Field!)] = w.Value;
                    result = CollectionValues.JoinFields(fields);
                    break;
                }
                default:
                    throw new InvalidOperationException("unknown assignment kind " + w.Kind);
            }
        }
        _store.WriteCell(partition, row, column, result is null ? Cell.Tombstone(_timestamp, now) : Cell.Live(result, _timestamp, _ttl, now));
    }

    private static byte[]? Combine(ColumnType type, byte[]? current, byte[]? operand, AssignmentKind kind)
    {
        if (operand is null) return current;
        var isMap = type.Kind == TypeKind.Map;
        var existing = current is null ? new List<byte[]?>() : CollectionValues.Split(current, isMap);
        List<byte[]?> items;
        switch (type.Kind)
        {
            case TypeKind.List:
                var other = CollectionValues.Split(operand, false);
                if (kind == AssignmentKind.Add) items = existing.Concat(other).ToList();
                else if (kind == AssignmentKind.Prepend) items = other.Concat(existing).ToList();
                else items = existing.Where(e => !other.Any(o => ValueOrder.Compare(type.Parameters[0], e, o) == 0)).ToList();
                break;
            case TypeKind.Set:
                var elements = CollectionValues.Split(operand, false);
                items = kind == AssignmentKind.Add
                    ? CollectionValues.NormalizeSet(type.Parameters[0], existing.Concat(elements))
                    : existing.Where(e => !elements.Any(o => ValueOrder.Compare(type.Parameters[0], e, o) == 0)).ToList();
                break;
            case TypeKind.Map:
                if (kind == AssignmentKind.Add) items = CollectionValues.NormalizeMap(type.Parameters[0], existing.Concat(CollectionValues.Split(operand, true)).ToList());
                else
                {
                    var keys = CollectionValues.Split(operand, false);
                    items = new List<byte[]?>();
                    for (var i = 0; i < existing.Count; i += 2)
                        if (!keys.Any(k => ValueOrder.Compare(type.Parameters[0], existing[i], k) == 0))
                        {
                            items.Add(existing[i]);
                            items.Add(existing[i + 1]);
                        }
                }
                break;
            default:
                throw new CqlInvalidException($"Invalid operation for non collection type {type.ToCqlText()}");
        }
        return items.Count == 0 ? null : CollectionValues.Join(items, isMap);
    }

    private static byte[]? SetElement(ColumnSchema column, byte[]? current, byte[]? element, byte[]? value)
    {
        var type = column.Type;
        if (type.Kind == TypeKind.Map)
        {
            if (element is null) throw new CqlInvalidException("Invalid null map key");
            var items = current is null ? new List<byte[]?>() : CollectionValues.Split(current, true);
            var result = new List<byte[]?>();
            for (var i = 0; i < items.Count; i += 2)
                if (ValueOrder.Compare(type.Parameters[0], items[i], element) != 0)
                {
                    result.Add(items[i]);
                    result.Add(items[i + 1]);
                }
            if (value is not null)
            {
                result.Add(element);
                result.Add(value);
            }
            result = CollectionValues.NormalizeMap(type.Parameters[0], result);
            return result.Count == 0 ? null : CollectionValues.Join(result, true);
        }
        var list = current is null ? new List<byte[]?>() : CollectionValues.Split(current, false);
        if (element is null) throw new CqlInvalidException("Invalid null value for list index");
        var idx = BinaryPrimitives.ReadInt32BigEndian(element);
        if (idx < 0 || idx >= list.Count) throw new CqlInvalidException($"List index {idx} out of bound, list has size {list.Count}");
        if (value is null) list.RemoveAt(idx);
        else list[idx] = value;
        return list.Count == 0 ? null : CollectionValues.Join(list, false);
    }

    private static byte[]? RemoveElement(ColumnSchema column, byte[]? current, byte[] element)
    {
        if (current is null) return null;
        var type = column.Type;
        if (type.Kind == TypeKind.Map) return SetElement(column, current, element, null);
        if (type.Kind == TypeKind.Set) return Combine(type, current, CollectionValues.Join(new List<byte[]?> { element }, false), AssignmentKind.Remove);
        var list = CollectionValues.Split(current, false);
        var idx = BinaryPrimitives.ReadInt32BigEndian(element);
        if (idx < 0 || idx >= list.Count) throw new CqlInvalidException($"List index {idx} out of bound, list has size {list.Count}");
        list.RemoveAt(idx);
        return list.Count == 0 ? null : CollectionValues.Join(list, false);
    }
}
