using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// A SELECT checked against its table the way Cassandra checks it (restrictions, filtering, ordering), before
/// any value is known; built at PREPARE and at each execution.
/// </summary>
internal sealed class SelectPlan
{
    private const string FilteringPrefix = "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. ";
    private const string FilteringMessage = FilteringPrefix + "If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING";
    // StatementRestrictions.CANNOT_USE_ALLOW_FILTERING_MESSAGE (4.1+): what the same query hears when the guardrail is off.
    private const string FilteringDisabledMessage = FilteringPrefix + "Executing this query despite the performance unpredictability with ALLOW FILTERING has been disabled by the allow_filtering_enabled property in cassandra.yaml";

    private readonly QueryRules _rules;

    private SelectPlan(SelectStatement statement, TableSchema table, QueryRules rules)
    {
        Statement = statement;
        Table = table;
        _rules = rules;
    }

    public SelectStatement Statement { get; }
    public TableSchema Table { get; }
    /// <summary>Partition key column relations (EQ/IN) when every partition key column has one.</summary>
    public Relation?[] PartitionKeyRelations { get; private set; } = Array.Empty<Relation?>();
    public bool IsPointLookup { get; private set; }
    public List<Relation> TokenRelations { get; } = new();
    /// <summary>Every other relation, checked on each candidate row.</summary>
    public List<KeyValuePair<ColumnSchema, Relation>> Filters { get; } = new();
    public bool HasClusteringRestriction { get; private set; }
    public bool Reversed { get; private set; }
    public bool HasOrderBy => Statement.OrderBy.Count > 0;
    public List<OutputColumn> Outputs { get; } = new();
    public bool IsAggregate { get; private set; }

    public IReadOnlyList<ColumnSpec> ResultColumns => Outputs.Select(o => o.Spec).ToArray();

    public static SelectPlan Build(SelectStatement statement, TableSchema table, QueryRules rules)
    {
        var plan = new SelectPlan(statement, table, rules);
        if (statement.Json) throw new CqlInvalidException("SELECT JSON is not supported by this emulator");
        // Guardrails.allowFilteringEnabled (4.1+), checked when the statement is prepared, for user tables only.
        if (statement.AllowFiltering && !rules.AllowFilteringEnabled && !QueryRules.IsSystemKeyspace(table.Keyspace))
            throw new CqlInvalidException("Guardrail allow_filtering violated: Querying with ALLOW FILTERING is not allowed"
                + (rules.Cassandra5 ? ". ALLOW FILTERING can potentially visit all the data in the table and have unpredictable performance." : ""));
        plan.BuildRestrictions();
        plan.BuildOrdering();
        plan.BuildSelection();
        return plan;
    }

    private void BuildRestrictions()
    {
        var s = Statement;
        var t = Table;
        var pk = new Relation?[t.PartitionKey.Count];
        var pkNonEq = false;
        var clustering = new List<Relation>?[t.Clustering.Count];
        foreach (var r in s.Where)
        {
            if (r.IsToken)
            {
                if (r.Columns.Count != t.PartitionKey.Count || r.Columns.Where((c, i) => t.PartitionKey[i].Name != c).Any())
                {
                    foreach (var c in r.Columns) t.Column(c);
                    throw new CqlInvalidException($"The token function arguments must be in the partition key order: {string.Join(", ", t.PartitionKey.Select(c => c.Name))}");
                }
                if (r.Operator is RelationOperator.In or RelationOperator.Neq or RelationOperator.Contains or RelationOperator.ContainsKey)
                    throw new CqlInvalidException($"Unsupported \"{OperatorText(r.Operator)}\" relation on the token function");
                TokenRelations.Add(r);
                continue;
            }
            var column = t.Column(r.Columns[0]);
            if (r.Operator == RelationOperator.Neq)
                throw new CqlInvalidException($"Unsupported \"!=\" relation: {column.Name} != {r.Value}");
            if (r.Value is LiteralTerm { Kind: LiteralKind.Null })
                throw new CqlInvalidException($"Unsupported null value for column {column.Name}");
            switch (column.Kind)
            {
                case ColumnKind.PartitionKey:
                    if (r.Operator is RelationOperator.Eq or RelationOperator.In)
                    {
                        if (pk[column.Position] is not null)
                            throw new CqlInvalidException($"{column.Name} cannot be restricted by more than one relation if it includes an Equal");
                        pk[column.Position] = r;
                    }
                    else
                    {
                        pkNonEq = true;
                        if (!s.AllowFiltering && r.Operator is not (RelationOperator.Contains or RelationOperator.ContainsKey))
                            throw new CqlInvalidException("Only EQ and IN relation are supported on the partition key (unless you use the token() function or allow filtering)");
                    }
                    Filters.Add(new KeyValuePair<ColumnSchema, Relation>(column, r));
                    break;
                case ColumnKind.Clustering:
                    (clustering[column.Position] ??= new List<Relation>()).Add(r);
                    HasClusteringRestriction = true;
                    Filters.Add(new KeyValuePair<ColumnSchema, Relation>(column, r));
                    break;
                default:
                    if (r.Operator == RelationOperator.In)
                        throw new CqlInvalidException($"IN predicates on non-primary-key columns ({column.Name}) is not yet supported");
                    if (r.Operator is RelationOperator.Contains or RelationOperator.ContainsKey) BoundRelation.ElementType(column, r.Operator == RelationOperator.ContainsKey);
                    Filters.Add(new KeyValuePair<ColumnSchema, Relation>(column, r));
                    break;
            }
        }

        var pkRestricted = pk.Count(r => r is not null);
        IsPointLookup = pkRestricted == pk.Length && !pkNonEq;
        var filtered = new List<KeyValuePair<ColumnSchema, Relation>>(Filters.Where(f => f.Key.Kind is ColumnKind.Regular or ColumnKind.Static));
        if (IsPointLookup)
        {
            PartitionKeyRelations = pk;
            if (TokenRelations.Count > 0)
                throw new CqlInvalidException("Columns \"" + string.Join(", ", Table.PartitionKey.Select(c => c.Name)) + "\" cannot be restricted by both a normal relation and a token relation");
        }
        else if (pkRestricted > 0 || pkNonEq)
        {
            filtered.AddRange(Filters.Where(f => f.Key.Kind == ColumnKind.PartitionKey));
        }

        // Clustering: each restricted column needs its predecessors restricted by EQ/IN, else the query filters.
        string? prefixError = null;
        var clusteringFilters = false;
        var previousSliced = false;
        for (var i = 0; i < clustering.Length; i++)
        {
            var rs = clustering[i];
            if (rs is null)
            {
                for (var j = i + 1; j < clustering.Length; j++)
                    if (clustering[j] is not null)
                    {
                        prefixError ??= $"PRIMARY KEY column \"{Table.Clustering[j].Name}\" cannot be restricted as preceding column \"{Table.Clustering[i].Name}\" is not restricted";
                        clusteringFilters = true;
                    }
                break;
            }
            if (previousSliced)
            {
                prefixError ??= $"Clustering column \"{Table.Clustering[i].Name}\" cannot be restricted (preceding column \"{Table.Clustering[i - 1].Name}\" is restricted by a non-EQ relation)";
                clusteringFilters = true;
            }
            if (rs.Any(r => r.Operator is RelationOperator.Contains or RelationOperator.ContainsKey)) clusteringFilters = true;
            if (rs.Any(r => r.Operator is not (RelationOperator.Eq or RelationOperator.In))) previousSliced = true;
        }
        // A range read restricted on clustering columns filters, as does any clustering restriction a slice cannot serve.
        if (HasClusteringRestriction && !IsPointLookup || clusteringFilters)
            filtered.AddRange(Filters.Where(f => f.Key.Kind == ColumnKind.Clustering));

        // Secondary indexes (StatementRestrictions): the query may use one when an index supports a relation it
        // filters on; it needs no ALLOW FILTERING when one index group (all SAI indexes form one group, each legacy
        // index its own) supports every relation it filters on.
        IndexDriver = IndexRules.Driver(Table, filtered);
        if (filtered.Count > 0 && !s.AllowFiltering && !IndexRules.GroupServesAll(Table, filtered))
        {
            if (IsPointLookup && prefixError is not null) throw new CqlInvalidException(prefixError);
            throw new CqlInvalidException(_rules.AllowFilteringEnabled || QueryRules.IsSystemKeyspace(Table.Keyspace) ? FilteringMessage : FilteringDisabledMessage);
        }
        if (IndexDriver is not null && IsPointLookup && pk.Any(r => r!.Operator == RelationOperator.In))
            throw new CqlInvalidException("Select on indexed columns and with IN clause for the PRIMARY KEY are not supported");
    }

    /// <summary>The indexed relations that drive the read (an index lookup instead of a scan), or null for a plain read.</summary>
    public IndexDriver? IndexDriver { get; private set; }

    private void BuildOrdering()
    {
        var s = Statement;
        if (s.OrderBy.Count == 0) return;
        if (!IsPointLookup) throw new CqlInvalidException("ORDER BY is only supported when the partition key is restricted by an EQ or an IN.");
        bool? reversed = null;
        for (var i = 0; i < s.OrderBy.Count; i++)
        {
            var (name, desc) = (s.OrderBy[i].Key, s.OrderBy[i].Value);
            var column = Table.Find(name) ?? throw new CqlInvalidException($"Order by on unknown column {name}");
            if (column.Kind != ColumnKind.Clustering)
                throw new CqlInvalidException($"Order by is currently only supported on the clustered columns of the PRIMARY KEY, got {name}");
            if (column.Position != i)
                throw new CqlInvalidException("Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY");
            var r = desc != column.Descending;
            if (reversed is not null && reversed != r) throw new CqlInvalidException("Unsupported order by relation");
            reversed = r;
        }
        Reversed = reversed ?? false;
    }

    private void BuildSelection()
    {
        var s = Statement;
        var t = Table;
        if (s.Selectors is null)
        {
            if (s.Distinct) throw new CqlInvalidException("SELECT DISTINCT queries must only request partition key columns and/or static columns (not other columns)");
            foreach (var c in t.AllColumns) Outputs.Add(OutputColumn.ForColumn(t, c, null));
            return;
        }
        foreach (var sel in s.Selectors)
        {
            var output = OutputColumn.For(t, sel);
            if (output.IsAggregate) IsAggregate = true;
            Outputs.Add(output);
        }
        if (s.Distinct)
        {
            foreach (var sel in s.Selectors)
                if (sel.Kind == SelectorKind.Column && t.Column(sel.Name).Kind is not (ColumnKind.PartitionKey or ColumnKind.Static))
                    throw new CqlInvalidException("SELECT DISTINCT queries must only request partition key columns and/or static columns (not other columns)");
            if (!t.PartitionKey.All(pk => s.Selectors.Any(sel => sel.Kind == SelectorKind.Column && sel.Name == pk.Name)))
                throw new CqlInvalidException("SELECT DISTINCT queries must request all the partition key columns (missing " + string.Join(", ", t.PartitionKey.Where(pk => !s.Selectors.Any(sel => sel.Kind == SelectorKind.Column && sel.Name == pk.Name)).Select(c => c.Name)) + ")");
        }
    }

    public static string OperatorText(RelationOperator op) => op switch
    {
        RelationOperator.Eq => "=",
        RelationOperator.Lt => "<",
        RelationOperator.Lte => "<=",
        RelationOperator.Gt => ">",
        RelationOperator.Gte => ">=",
        RelationOperator.In => "IN",
        RelationOperator.Neq => "!=",
        RelationOperator.Contains => "CONTAINS",
        _ => "CONTAINS KEY",
    };
}
