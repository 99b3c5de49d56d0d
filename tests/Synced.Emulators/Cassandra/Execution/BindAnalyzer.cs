using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// Works out, for PREPARE, what each bind marker receives (name and type, as Cassandra names them) and which
/// markers carry the partition key.
/// </summary>
internal sealed class BindAnalyzer
{
    private readonly ColumnSpec?[] _specs;
    private readonly Dictionary<string, int> _partitionKeyMarkers = new();

    private BindAnalyzer(int markerCount) { _specs = new ColumnSpec?[markerCount]; }

    public static (IReadOnlyList<ColumnSpec> Variables, IReadOnlyList<short> PartitionKeyIndexes) Analyze(CqlStatement statement, System.Func<QualifiedName, TableSchema> table)
    {
        var analyzer = new BindAnalyzer(statement.MarkerCount);
        TableSchema? first = null;
        switch (statement)
        {
            case SelectStatement select:
                first = table(select.Table);
                analyzer.Select(select, first);
                break;
            case ModificationStatement modification:
                first = table(modification.Table);
                analyzer.Modification(modification, first);
                break;
            case BatchStatement batch:
                analyzer.Using(batch.Using, null);
                foreach (var s in batch.Statements)
                {
                    var t = table(s.Table);
                    first ??= t;
                    analyzer.Modification(s, t);
                }
                break;
        }
        var variables = analyzer._specs.Select((s, i) => s ?? new ColumnSpec(first?.Keyspace ?? "", first?.Name ?? "", statement.MarkerNames[i] ?? $"arg{i}", ColumnType.Blob)).ToArray();
        var pkIndexes = new List<short>();
        if (first is not null && statement is not BatchStatement)
        {
            foreach (var pk in first.PartitionKey)
            {
                if (!analyzer._partitionKeyMarkers.TryGetValue(pk.Name, out var index)) { pkIndexes.Clear(); break; }
                pkIndexes.Add((short)index);
            }
        }
        return (variables, pkIndexes);
    }

    private void Set(Term? term, ColumnSpec spec)
    {
        switch (term)
        {
            case BindMarkerTerm m:
                _specs[m.Index] = m.Name is null ? spec : new ColumnSpec(spec.Keyspace, spec.Table, m.Name, spec.Type);
                break;
            case ListTerm l:
                if (spec.Type.IsCollection) foreach (var i in l.Items) Set(i, new ColumnSpec(spec.Keyspace, spec.Table, spec.Name, spec.Type.Parameters[0]));
                break;
            case SetTerm st:
                if (spec.Type.IsCollection) foreach (var i in st.Items) Set(i, new ColumnSpec(spec.Keyspace, spec.Table, spec.Name, spec.Type.Parameters[0]));
                break;
            case MapTerm mt when spec.Type.Kind == TypeKind.Map:
                foreach (var e in mt.Entries)
                {
                    Set(e.Key, new ColumnSpec(spec.Keyspace, spec.Table, spec.Name, spec.Type.Parameters[0]));
                    Set(e.Value, new ColumnSpec(spec.Keyspace, spec.Table, spec.Name, spec.Type.Parameters[1]));
                }
                break;
            case TupleTerm tt when spec.Type.Kind == TypeKind.Tuple:
                for (var i = 0; i < tt.Items.Count && i < spec.Type.Parameters.Count; i++)
                    Set(tt.Items[i], new ColumnSpec(spec.Keyspace, spec.Table, spec.Name, spec.Type.Parameters[i]));
                break;
            case UdtTerm ut when spec.Type.Kind == TypeKind.Udt:
                foreach (var f in ut.Fields)
                {
                    var fi = spec.Type.FieldNames.ToList().IndexOf(f.Key);
                    if (fi >= 0) Set(f.Value, new ColumnSpec(spec.Keyspace, spec.Table, spec.Name + "." + f.Key, spec.Type.Parameters[fi]));
                }
                break;
            case FunctionTerm ft:
                var argTypes = CqlFunctions.ArgumentTypes(ft.Name, ft.Args.Count);
                for (var i = 0; i < ft.Args.Count && i < argTypes.Length; i++)
                    Set(ft.Args[i], new ColumnSpec(spec.Keyspace, spec.Table, $"arg{i}", TermEvaluator.ArgumentType(ft, i, argTypes[i])));
                break;
            case CastTerm ct:
                Set(ct.Inner, spec);
                break;
        }
    }

    private static ColumnSpec Spec(TableSchema t, string name, ColumnType type) => new(t.Keyspace, t.Name, name, type);

    private void Where(IEnumerable<Relation> where, TableSchema t)
    {
        foreach (var r in where)
        {
            if (r.IsToken)
            {
                Set(r.Value, Spec(t, "partition key token", ColumnType.Bigint));
                continue;
            }
            var column = t.Find(r.Columns[0]);
            if (column is null) continue;
            switch (r.Operator)
            {
                case RelationOperator.In:
                    if (r.InValues is null) Set(r.Value, Spec(t, $"in({column.Name})", ColumnType.ListOf(column.Type)));
                    else foreach (var v in r.InValues) Set(v, Spec(t, column.Name, column.Type));
                    break;
                case RelationOperator.Contains:
                case RelationOperator.ContainsKey:
                    if (column.Type.IsCollection)
                        Set(r.Value, Spec(t, column.Name, BoundRelation.ElementType(column, r.Operator == RelationOperator.ContainsKey)));
                    break;
                default:
                    Set(r.Value, Spec(t, column.Name, column.Type));
                    if (r.Operator == RelationOperator.Eq && column.Kind == ColumnKind.PartitionKey && r.Value is BindMarkerTerm m)
                        _partitionKeyMarkers[column.Name] = m.Index;
                    break;
            }
        }
    }

    private void Select(SelectStatement s, TableSchema t)
    {
        Where(s.Where, t);
        Set(s.PerPartitionLimit, Spec(t, "[per_partition_limit]", ColumnType.Int));
        Set(s.Limit, Spec(t, "[limit]", ColumnType.Int));
    }

    private void Using(UsingClause u, TableSchema? t)
    {
        Set(u.Timestamp, new ColumnSpec(t?.Keyspace ?? "", t?.Name ?? "", "[timestamp]", ColumnType.Bigint));
        Set(u.Ttl, new ColumnSpec(t?.Keyspace ?? "", t?.Name ?? "", "[ttl]", ColumnType.Int));
    }

    private void Modification(ModificationStatement s, TableSchema t)
    {
        switch (s)
        {
            case InsertStatement insert:
                for (var i = 0; i < insert.Columns.Count && i < insert.Values.Count; i++)
                {
                    var column = t.Find(insert.Columns[i]);
                    if (column is null) continue;
                    Set(insert.Values[i], Spec(t, column.Name, column.Type));
                    if (column.Kind == ColumnKind.PartitionKey && insert.Values[i] is BindMarkerTerm m) _partitionKeyMarkers[column.Name] = m.Index;
                }
                Using(s.Using, t);
                break;
            case UpdateStatement update:
                Using(s.Using, t);
                foreach (var a in update.Assignments)
                {
                    var column = t.Find(a.Column);
                    if (column is null) continue;
                    var type = column.Type;
                    switch (a.Kind)
                    {
                        case AssignmentKind.SetElement:
                            if (type.Kind == TypeKind.Map)
                            {
                                Set(a.Element, Spec(t, $"key({column.Name})", type.Parameters[0]));
                                Set(a.Value, Spec(t, $"value({column.Name})", type.Parameters[1]));
                            }
                            else if (type.Kind == TypeKind.List)
                            {
                                Set(a.Element, Spec(t, $"idx({column.Name})", ColumnType.Int));
                                Set(a.Value, Spec(t, $"value({column.Name})", type.Parameters[0]));
                            }
                            break;
                        case AssignmentKind.SetField:
                            var fi = type.FieldNames.ToList().IndexOf(a.Field!);
                            if (fi >= 0) Set(a.Value, Spec(t, $"{column.Name}.{a.Field}", type.Parameters[fi]));
                            break;
                        case AssignmentKind.Remove when type.Kind == TypeKind.Map:
                            Set(a.Value, Spec(t, column.Name, ColumnType.SetOf(type.Parameters[0])));
                            break;
                        case AssignmentKind.Add or AssignmentKind.Remove when type.Kind == TypeKind.Counter:
                            Set(a.Value, Spec(t, column.Name, ColumnType.Bigint));
                            break;
                        default:
                            Set(a.Value, Spec(t, column.Name, type));
                            break;
                    }
                }
                Where(update.Where, t);
                break;
            case DeleteStatement delete:
                foreach (var target in delete.Targets)
                {
                    var column = t.Find(target.Column);
                    if (column is null || target.Element is null) continue;
                    Set(target.Element, Spec(t, $"key({column.Name})", column.Type.Kind == TypeKind.List ? ColumnType.Int : (column.Type.Parameters.Count > 0 ? column.Type.Parameters[0] : column.Type)));
                }
                Using(s.Using, t);
                Where(delete.Where, t);
                break;
        }
        foreach (var c in s.Conditions)
        {
            var column = t.Find(c.Columns[0]);
            if (column is not null) Set(c.Value, Spec(t, column.Name, column.Type));
        }
    }
}
