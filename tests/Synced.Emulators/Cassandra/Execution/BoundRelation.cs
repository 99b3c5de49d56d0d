using System;
using System.Collections.Generic;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A WHERE relation on one column with its values evaluated for this execution.</summary>
internal sealed class BoundRelation
{
    public BoundRelation(ColumnSchema column, RelationOperator op, byte[]? value, List<byte[]>? inValues)
    {
        Column = column;
        Operator = op;
        Value = value;
        InValues = inValues;
    }

    public ColumnSchema Column { get; }
    public RelationOperator Operator { get; }
    public byte[]? Value { get; }
    public List<byte[]>? InValues { get; }

    /// <summary>Evaluates the relation's terms; IN accepts a list of terms or one marker bound to a list.</summary>
    public static BoundRelation Bind(ColumnSchema column, Relation relation, StatementContext ctx)
    {
        var type = column.Type;
        switch (relation.Operator)
        {
            case RelationOperator.In:
                var values = new List<byte[]>();
                if (relation.InValues is not null)
                {
                    foreach (var term in relation.InValues)
                        values.Add(NotNull(TermEvaluator.Evaluate(term, type, column.Name, ctx), column));
                }
                else
                {
                    var list = TermEvaluator.Evaluate(relation.Value!, ColumnType.ListOf(type), "in(" + column.Name + ")", ctx);
                    if (list is null || StatementContext.IsUnset(list)) throw new CqlInvalidException($"Invalid null value for IN restriction on {column.Name}");
                    foreach (var item in CollectionValues.Split(list, false)) values.Add(NotNull(item, column));
                }
                return new BoundRelation(column, relation.Operator, null, values);
            case RelationOperator.Contains:
                return new BoundRelation(column, relation.Operator, NotNull(TermEvaluator.Evaluate(relation.Value!, ElementType(column, false), column.Name, ctx), column), null);
            case RelationOperator.ContainsKey:
                return new BoundRelation(column, relation.Operator, NotNull(TermEvaluator.Evaluate(relation.Value!, ElementType(column, true), column.Name, ctx), column), null);
            default:
                return new BoundRelation(column, relation.Operator, NotNull(TermEvaluator.Evaluate(relation.Value!, type, column.Name, ctx), column), null);
        }
    }

    public static ColumnType ElementType(ColumnSchema column, bool key)
    {
        var t = column.Type;
        if (key && t.Kind == TypeKind.Map) return t.Parameters[0];
        if (!key && t.Kind == TypeKind.Map) return t.Parameters[1];
        if (!key && t.IsCollection) return t.Parameters[0];
        throw new CqlInvalidException($"Cannot use CONTAINS{(key ? " KEY" : "")} on non-collection column {column.Name}");
    }

    private static byte[] NotNull(byte[]? value, ColumnSchema column)
    {
        if (value is null) throw new CqlInvalidException($"Invalid null value in condition for column {column.Name}");
        if (StatementContext.IsUnset(value)) throw new CqlInvalidException($"Invalid unset value for column {column.Name}");
        return value;
    }

    /// <summary>Whether a stored value satisfies the relation (null never does).</summary>
    public bool Matches(byte[]? actual)
    {
        if (actual is null) return false;
        var type = Column.Type;
        switch (Operator)
        {
            case RelationOperator.Eq: return ValueOrder.Compare(type, actual, Value) == 0;
            case RelationOperator.Neq: return ValueOrder.Compare(type, actual, Value) != 0;
            case RelationOperator.Lt: return ValueOrder.Compare(type, actual, Value) < 0;
            case RelationOperator.Lte: return ValueOrder.Compare(type, actual, Value) <= 0;
            case RelationOperator.Gt: return ValueOrder.Compare(type, actual, Value) > 0;
            case RelationOperator.Gte: return ValueOrder.Compare(type, actual, Value) >= 0;
            case RelationOperator.In:
                foreach (var v in InValues!) if (ValueOrder.Compare(type, actual, v) == 0) return true;
                return false;
            case RelationOperator.Contains:
            {
                var isMap = type.Kind == TypeKind.Map;
                var items = CollectionValues.Split(actual, isMap);
                var element = ElementType(Column, false);
                for (var i = isMap ? 1 : 0; i < items.Count; i += isMap ? 2 : 1)
                    if (ValueOrder.Compare(element, items[i], Value) == 0) return true;
                return false;
            }
            case RelationOperator.ContainsKey:
            {
                var items = CollectionValues.Split(actual, true);
                for (var i = 0; i < items.Count; i += 2)
                    if (ValueOrder.Compare(type.Parameters[0], items[i], Value) == 0) return true;
                return false;
            }
        }
        throw new InvalidOperationException("unknown relation operator " + Operator);
    }
}
