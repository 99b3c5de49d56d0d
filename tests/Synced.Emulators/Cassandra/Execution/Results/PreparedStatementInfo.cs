using System.Collections.Generic;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A prepared statement as the node remembers it.</summary>
internal sealed class PreparedStatementInfo
{
    public PreparedStatementInfo(byte[] id, string query, string? keyspace, Cql.CqlStatement statement, IReadOnlyList<ColumnSpec> variables,
        IReadOnlyList<short> partitionKeyIndexes, IReadOnlyList<ColumnSpec>? resultColumns, IReadOnlyList<TableSchema> tables)
    {
        Tables = tables;
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
    /// <summary>The tables the statement reads or writes, as they were when it was prepared (a schema change to one invalidates it).</summary>
    public IReadOnlyList<TableSchema> Tables { get; }
}
