using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A parsed CQL statement; <see cref="MarkerCount"/> bind markers appear in it.</summary>
internal abstract class CqlStatement
{
    public int MarkerCount { get; set; }
    /// <summary>Names of the markers by index (null for <c>?</c>).</summary>
    public List<string?> MarkerNames { get; } = new();
}

internal sealed class QualifiedName
{
    public QualifiedName(string? keyspace, string name) { Keyspace = keyspace; Name = name; }
    public string? Keyspace { get; }
    public string Name { get; }
    public override string ToString() => Keyspace is null ? Name : Keyspace + "." + Name;
}

internal enum RelationOperator { Eq, Lt, Lte, Gt, Gte, In, Neq, Contains, ContainsKey }

/// <summary><c>col op term</c>, <c>token(a, b) op term</c>, or <c>col IN (..)</c> / <c>col IN ?</c>.</summary>
internal sealed class Relation
{
    public List<string> Columns { get; } = new();
    public bool IsToken { get; set; }
    public RelationOperator Operator { get; set; }
    public Term? Value { get; set; }
    /// <summary>IN (a, b, c); null when IN is followed by a single marker.</summary>
    public List<Term>? InValues { get; set; }
}

internal enum SelectorKind { Column, CountStar, Writetime, Ttl, Function, Term }

internal sealed class Selector
{
    public SelectorKind Kind { get; set; }
    /// <summary>Column name, or lower-case function name.</summary>
    public string Name { get; set; } = "";
    public List<Selector> Args { get; } = new();
    public Term? Term { get; set; }
    public string? Alias { get; set; }
}

internal sealed class SelectStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public bool Distinct { get; set; }
    public bool Json { get; set; }
    /// <summary>Null for <c>*</c>.</summary>
    public List<Selector>? Selectors { get; set; }
    public List<Relation> Where { get; } = new();
    public List<KeyValuePair<string, bool>> OrderBy { get; } = new();
    public Term? Limit { get; set; }
    public Term? PerPartitionLimit { get; set; }
    public bool AllowFiltering { get; set; }
}

internal sealed class UsingClause
{
    public Term? Timestamp { get; set; }
    public Term? Ttl { get; set; }
}

internal abstract class ModificationStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public UsingClause Using { get; } = new();
    public bool IfNotExists { get; set; }
    public bool IfExists { get; set; }
    public List<Relation> Conditions { get; } = new();
}

internal sealed class InsertStatement : ModificationStatement
{
    public List<string> Columns { get; } = new();
    public List<Term> Values { get; } = new();
    public Term? Json { get; set; }
}

internal enum AssignmentKind { Set, Add, Prepend, Remove, SetElement, SetField }

internal sealed class Assignment
{
    public string Column { get; set; } = "";
    public AssignmentKind Kind { get; set; }
    public Term Value { get; set; } = null!;
    /// <summary>Map key or list index for <c>col[x] = v</c>.</summary>
    public Term? Element { get; set; }
    public string? Field { get; set; }
}

internal sealed class UpdateStatement : ModificationStatement
{
    public List<Assignment> Assignments { get; } = new();
    public List<Relation> Where { get; } = new();
}

internal sealed class DeleteTarget
{
    public string Column { get; set; } = "";
    public Term? Element { get; set; }
}

internal sealed class DeleteStatement : ModificationStatement
{
    public List<DeleteTarget> Targets { get; } = new();
    public List<Relation> Where { get; } = new();
}

internal enum BatchKind { Logged = 0, Unlogged = 1, Counter = 2 }

internal sealed class BatchStatement : CqlStatement
{
    public BatchKind Kind { get; set; }
    public UsingClause Using { get; } = new();
    public List<ModificationStatement> Statements { get; } = new();
}

internal sealed class UseStatement : CqlStatement
{
    public UseStatement(string keyspace) { Keyspace = keyspace; }
    public string Keyspace { get; }
}

internal sealed class CreateKeyspaceStatement : CqlStatement
{
    public string Name { get; set; } = "";
    public bool IfNotExists { get; set; }
    public Dictionary<string, object> Properties { get; } = new();
}

internal sealed class ColumnDefinition
{
    public string Name { get; set; } = "";
    public RawType Type { get; set; } = null!;
    public bool Static { get; set; }
}

internal sealed class CreateTableStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public bool IfNotExists { get; set; }
    public List<ColumnDefinition> Columns { get; } = new();
    public List<string> PartitionKey { get; } = new();
    public List<string> Clustering { get; } = new();
    public List<KeyValuePair<string, bool>> ClusteringOrder { get; } = new();
    public Dictionary<string, object> Properties { get; } = new();
    public bool CompactStorage { get; set; }
}

internal sealed class CreateTypeStatement : CqlStatement
{
    public QualifiedName Type { get; set; } = null!;
    public bool IfNotExists { get; set; }
    public List<KeyValuePair<string, RawType>> Fields { get; } = new();
}

internal enum DropKind { Keyspace, Table, Type }

internal sealed class DropStatement : CqlStatement
{
    public DropKind Kind { get; set; }
    public QualifiedName Name { get; set; } = null!;
    public bool IfExists { get; set; }
}

internal sealed class TruncateStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
}
