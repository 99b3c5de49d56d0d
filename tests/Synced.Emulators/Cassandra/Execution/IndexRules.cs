using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>The relations an index lookup serves: one indexed column and its relations; the other relations filter its rows.</summary>
internal sealed record IndexDriver(IndexSchema Index, ColumnSchema Column, IReadOnlyList<Relation> Relations);

/// <summary>
/// Which relations secondary indexes serve, as Cassandra 5.0 decides it. A storage-attached index
/// (IndexTermType.supports) serves = on its column; &lt;, &lt;=, &gt;, &gt;= too unless the type is EQ-only (text,
/// ascii, boolean, uuid) or literal (frozen types); CONTAINS on values() and CONTAINS KEY on keys() of a non-frozen
/// collection; = on full() of a frozen one. A legacy index (CassandraIndex.supportsExpression) serves = on its column,
/// CONTAINS on values(), CONTAINS KEY on keys(). All SAI indexes of a table form one index group (it can answer every
/// expression at once); each legacy index is a group of its own (StatementRestrictions, IndexRestrictions.needsFiltering).
/// </summary>
internal static class IndexRules
{
    public static bool Supports(IndexSchema index, ColumnSchema column, RelationOperator op)
    {
        if (index.Column != column.Name) return false;
        var type = column.Type;
        var range = op is RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte;
        switch (index.Target)
        {
            case IndexTargetKind.Keys: return op == RelationOperator.ContainsKey;
            case IndexTargetKind.Values: return op == RelationOperator.Contains;
            case IndexTargetKind.Entries: return false; // map[key] = value is not among the relations the node parses
            case IndexTargetKind.Full: return op == RelationOperator.Eq;
        }
        if (!index.IsSai) return op == RelationOperator.Eq;
        if (type.Kind == TypeKind.Vector) return false; // vector indexes serve ANN ordering only
        if (op == RelationOperator.Eq) return true;
        if (!range) return false;
        var eqOnly = type.Kind is TypeKind.Text or TypeKind.Ascii or TypeKind.Boolean or TypeKind.Uuid;
        var literal = type.IsFrozen || type.Kind is TypeKind.Tuple or TypeKind.Udt;
        return !eqOnly && !literal;
    }

    private static IEnumerable<List<IndexSchema>> Groups(TableSchema table)
    {
        var sai = table.Indexes.Where(i => i.IsSai).ToList();
        if (sai.Count > 0) yield return sai;
        foreach (var legacy in table.Indexes.Where(i => !i.IsSai)) yield return new List<IndexSchema> { legacy };
    }

    /// <summary>Whether one index group supports every relation the query filters on.</summary>
    public static bool GroupServesAll(TableSchema table, IReadOnlyList<KeyValuePair<ColumnSchema, Relation>> filtered)
        => Groups(table).Any(g => filtered.All(f => g.Any(i => Supports(i, f.Key, f.Value.Operator))));

    /// <summary>
    /// The index that drives the read when some index supports a relation the query filters on (Cassandra then
    /// uses secondary indexing even with ALLOW FILTERING): a storage-attached index first, preferring a clustering
    /// column, then a legacy index.
    /// </summary>
    public static IndexDriver? Driver(TableSchema table, IReadOnlyList<KeyValuePair<ColumnSchema, Relation>> filtered)
    {
        if (table.Indexes.Count == 0 || filtered.Count == 0) return null;
        foreach (var index in table.Indexes.OrderBy(i => i.IsSai ? 0 : 1))
        {
            var served = filtered.Where(f => Supports(index, f.Key, f.Value.Operator)).ToList();
            if (served.Count == 0) continue;
            if (index.IsSai)
            {
                // Among SAI indexes, drive by a clustering column's (the issue 11 scan: tmstmp) when one serves.
                var clustering = table.Indexes.Where(i => i.IsSai)
                    .Select(i => (Index: i, Served: filtered.Where(f => Supports(i, f.Key, f.Value.Operator)).ToList()))
                    .FirstOrDefault(p => p.Served.Count > 0 && p.Served[0].Key.Kind == ColumnKind.Clustering);
                if (clustering.Index is not null) return new IndexDriver(clustering.Index, clustering.Served[0].Key, clustering.Served.Select(f => f.Value).ToList());
            }
            return new IndexDriver(index, served[0].Key, served.Where(f => f.Key == served[0].Key).Select(f => f.Value).ToList());
        }
        return null;
    }
}
