using System;
using System.Collections.Generic;
using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>One statement of a BATCH message: query text or prepared id, and its bound values.</summary>
internal sealed class BatchEntry
{
    private BatchEntry(BatchStatementKind kind, string? query, byte[]? preparedId, IReadOnlyList<object?> values, IReadOnlyList<CqlType>? valueTypes)
    {
        Kind = kind;
        Query = query;
        PreparedId = preparedId;
        Values = values;
        ValueTypes = valueTypes;
    }

    public BatchStatementKind Kind { get; }

    /// <summary>The CQL text (kind Query).</summary>
    public string? Query { get; }

    /// <summary>The prepared statement id (kind Prepared).</summary>
    public byte[]? PreparedId { get; }

    /// <summary>Bound values (see <see cref="QueryOptions.Values"/>); <see cref="RawValue"/>s when read from the wire.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>Types for <see cref="Values"/>, or null to infer them.</summary>
    public IReadOnlyList<CqlType>? ValueTypes { get; }

    public static BatchEntry ForQuery(string query, IReadOnlyList<object?>? values = null, IReadOnlyList<CqlType>? valueTypes = null)
        => new(BatchStatementKind.Query, query, null, values ?? Array.Empty<object?>(), valueTypes);

    public static BatchEntry ForPrepared(byte[] preparedId, IReadOnlyList<object?> values, IReadOnlyList<CqlType>? valueTypes)
        => new(BatchStatementKind.Prepared, null, preparedId, values, valueTypes);

    internal void WriteTo(FrameWriter writer)
    {
        writer.WriteByte((byte)Kind);
        if (Kind == BatchStatementKind.Query)
        {
            writer.WriteLongString(Query!);
        }
        else
        {
            writer.WriteShortBytes(PreparedId);
        }

        QueryOptions.WriteValues(writer, Values, ValueTypes, null);
    }

    internal static BatchEntry Read(ref FrameReader reader)
    {
        var kind = (BatchStatementKind)reader.ReadByte();
        string? query = null;
        byte[]? id = null;
        switch (kind)
        {
            case BatchStatementKind.Query:
                query = reader.ReadLongString();
                break;
            case BatchStatementKind.Prepared:
                id = reader.ReadShortBytes();
                break;
            default:
                throw new CqlProtocolException($"Unknown batch statement kind {(byte)kind}.");
        }

        int count = reader.ReadShort();
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = RawValue.Read(ref reader);
        }

        return new BatchEntry(kind, query, id, values, null);
    }
}
