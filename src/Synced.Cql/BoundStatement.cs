using System.Collections.Generic;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Cql;

/// <summary>A prepared statement with its values; knows its routing key when all partition key values are bound.</summary>
public sealed class BoundStatement : CqlStatement
{
    private byte[]? _routingKey;
    private bool _routingKeyComputed;

    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        Prepared = prepared;
        Values = values;
    }

    public PreparedStatement Prepared { get; }

    /// <summary>Values in bind-marker order.</summary>
    public IReadOnlyList<object?> Values { get; }

    public override bool IsRead => StartsWithSelect(Prepared.Query);

    /// <inheritdoc />
    public override byte[]? RoutingKey
    {
        get
        {
            if (!_routingKeyComputed)
            {
                _routingKey = ComputeRoutingKey();
                _routingKeyComputed = true;
            }

            return _routingKey;
        }
        set
        {
            _routingKey = value;
            _routingKeyComputed = true;
        }
    }

    /// <inheritdoc />
    public override string? RoutingKeyspace
    {
        get => base.RoutingKeyspace ?? (Prepared.Variables.Columns is { Count: > 0 } columns ? columns[0].Keyspace : null);
        set => base.RoutingKeyspace = value;
    }

    public override string Describe() => Prepared.Query;

    private byte[]? ComputeRoutingKey()
    {
        var indices = Prepared.Variables.PartitionKeyIndices;
        var columns = Prepared.Variables.Columns;
        if (indices == null || indices.Count == 0 || columns == null)
        {
            return null;
        }

        var components = new byte[indices.Count][];
        for (var i = 0; i < indices.Count; i++)
        {
            var value = Values[indices[i]];
            if (value == null || value is CqlUnset)
            {
                return null;
            }

            components[i] = value is RawValue raw ? raw.Bytes.ToArray() : TypeCodec.Serialize(columns[indices[i]].Type, value);
        }

        return Tokens.RoutingKey.Compose(components);
    }
}
