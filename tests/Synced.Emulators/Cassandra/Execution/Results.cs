using System.Collections.Generic;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Describes a result column or a bind variable: where it comes from, its name and type.</summary>
internal sealed class ColumnSpec
{
    public ColumnSpec(string keyspace, string table, string name, ColumnType type)
    {
        Keyspace = keyspace;
        Table = table;
        Name = name;
        Type = type;
    }

    public string Keyspace { get; }
    public string Table { get; }
    public string Name { get; }
    public ColumnType Type { get; }
}

/// <summary>What a statement produced; the protocol layer turns it into a RESULT frame.</summary>
internal abstract class StatementResult
{
}

internal sealed class VoidResult : StatementResult
{
    public static readonly VoidResult Instance = new();
}

internal sealed class RowsResult : StatementResult
{
    public RowsResult(IReadOnlyList<ColumnSpec> columns, List<byte[]?[]> rows, byte[]? pagingState)
    {
        Columns = columns;
        Rows = rows;
        PagingState = pagingState;
    }

    public IReadOnlyList<ColumnSpec> Columns { get; }
    public List<byte[]?[]> Rows { get; }
    public byte[]? PagingState { get; }
}

internal sealed class SetKeyspaceResult : StatementResult
{
    public SetKeyspaceResult(string keyspace) { Keyspace = keyspace; }
    public string Keyspace { get; }
}

/// <summary>A schema change (also sent as an EVENT to registered connections).</summary>
internal sealed class SchemaChangeResult : StatementResult
{
    public SchemaChangeResult(string change, string target, string keyspace, string? name)
    {
        Change = change;
        Target = target;
        Keyspace = keyspace;
        Name = name;
    }

    /// <summary>CREATED, UPDATED or DROPPED.</summary>
    public string Change { get; }
    /// <summary>KEYSPACE, TABLE or TYPE.</summary>
    public string Target { get; }
    public string Keyspace { get; }
    public string? Name { get; }
}

/// <summary>A prepared statement as the node remembers it.</summary>
internal sealed class PreparedStatementInfo
{
    public PreparedStatementInfo(byte[] id, string query, string? keyspace, Cql.CqlStatement statement, IReadOnlyList<ColumnSpec> variables,
        IReadOnlyList<short> partitionKeyIndexes, IReadOnlyList<ColumnSpec>? resultColumns)
    {
        Id = id;
        Query = query;
        Keyspace = keyspace;
        Statement = statement;
        Variables = variables;
        PartitionKeyIndexes = partitionKeyIndexes;
        ResultColumns = resultColumns;
    }

    public byte[] Id { get; }
    public string Query { get; }
    public string? Keyspace { get; }
    public Cql.CqlStatement Statement { get; }
    public IReadOnlyList<ColumnSpec> Variables { get; }
    public IReadOnlyList<short> PartitionKeyIndexes { get; }
    /// <summary>Columns of the rows a SELECT returns; null for statements without rows.</summary>
    public IReadOnlyList<ColumnSpec>? ResultColumns { get; }
}

internal sealed class PreparedStatementResult : StatementResult
{
    public PreparedStatementResult(PreparedStatementInfo prepared) { Prepared = prepared; }
    public PreparedStatementInfo Prepared { get; }
}
