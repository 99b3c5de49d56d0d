using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>A statement prepared on the cluster: its id and the metadata of its bind variables and result columns.</summary>
public sealed class PreparedStatement
{
    // Id and result metadata change together when a node prepares the statement again (after a schema change).
    private volatile PreparedResult _current;

    internal PreparedStatement(string query, string? keyspace, PreparedResult prepared)
    {
        Query = query;
        Keyspace = keyspace;
        _current = prepared;
        Variables = prepared.Variables;
        var types = new Types.CqlType[Variables.ColumnCount];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = Variables.Columns?[i].Type ?? throw new CqlProtocolException($"The node sent no bind variable metadata for: {query}");
        }

        VariableTypes = types;
    }

    /// <summary>Types of the bind variables, in marker order.</summary>
    internal IReadOnlyList<Types.CqlType> VariableTypes { get; }

    public string Query { get; }

    /// <summary>The session keyspace it was prepared in (if any).</summary>
    public string? Keyspace { get; }

    /// <summary>The id nodes know it by (can change when a node re-prepares it).</summary>
    public byte[] Id => _current.Id;

    /// <summary>Bind variables with their types and which of them form the partition key.</summary>
    public RowsMetadata Variables { get; }

    /// <summary>
    /// Columns the statement returns (empty for writes), as last prepared: after a schema change the node answers
    /// UNPREPARED, the session prepares the statement again, and e.g. <c>SELECT *</c> then has the new columns.
    /// </summary>
    public RowsMetadata ResultMetadata => _current.ResultMetadata;

    /// <summary>The id and result metadata as one snapshot, for a request and the decoding of its answer.</summary>
    internal PreparedResult Current => _current;

    /// <summary>Takes the id and result metadata of a new PREPARE of the same text.</summary>
    internal void Refresh(PreparedResult prepared) => _current = prepared;

    /// <summary>Binds positional values, one per bind marker; pass <see cref="Types.CqlUnset.Value"/> to leave one unset.</summary>
    public BoundStatement Bind(params object?[] values)
    {
        if (values.Length != Variables.ColumnCount)
        {
            throw new ArgumentException($"The statement has {Variables.ColumnCount} bind markers; {values.Length} values were given: {Query}");
        }

        return new BoundStatement(this, values);
    }

    /// <summary>Binds values by variable name; variables not given are left unset.</summary>
    public BoundStatement Bind(IReadOnlyDictionary<string, object?> values)
    {
        var bound = new object?[Variables.ColumnCount];
        for (var i = 0; i < bound.Length; i++)
        {
            bound[i] = Types.CqlUnset.Value;
        }

        foreach (var pair in values)
        {
            var index = Variables.IndexOf(pair.Key);
            if (index < 0)
            {
                throw new ArgumentException($"The statement has no bind variable named '{pair.Key}': {Query}");
            }

            bound[index] = pair.Value;
        }

        return new BoundStatement(this, bound);
    }
}
