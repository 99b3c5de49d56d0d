using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>Several simple or bound statements sent as one BATCH (logged, unlogged or counter).</summary>
public sealed class BatchStatement : CqlStatement
{
    private readonly List<CqlStatement> _statements = new();

    public BatchStatement(BatchType type = BatchType.Logged) => Type = type;

    public BatchType Type { get; }

    public IReadOnlyList<CqlStatement> Statements => _statements;

    /// <summary>Adds a simple or bound statement.</summary>
    public BatchStatement Add(CqlStatement statement)
    {
        if (statement is not SimpleStatement && statement is not BoundStatement)
        {
            throw new ArgumentException("A batch holds simple and bound statements only.", nameof(statement));
        }

        if (statement is SimpleStatement simple && simple.ValueNames != null)
        {
            throw new ArgumentException("Statements with named values cannot be batched (Cassandra does not support it).", nameof(statement));
        }

        _statements.Add(statement);
        return this;
    }

    public override bool IsRead => false;

    /// <inheritdoc />
    public override byte[]? RoutingKey
    {
        get => base.RoutingKey ?? _statements.Select(s => s.RoutingKey).FirstOrDefault(k => k != null);
        set => base.RoutingKey = value;
    }

    /// <inheritdoc />
    public override string? RoutingKeyspace
    {
        get => base.RoutingKeyspace ?? _statements.Select(s => s.RoutingKeyspace).FirstOrDefault(k => k != null);
        set => base.RoutingKeyspace = value;
    }

    public override string Describe()
        => $"BATCH ({Type}, {_statements.Count} statements){(_statements.Count > 0 ? ": " + _statements[0].Describe() : string.Empty)}";
}
