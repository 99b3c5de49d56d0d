using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Cql.Requests;

/// <summary>Turns a statement and the session's defaults into the QUERY, EXECUTE or BATCH message that carries it.</summary>
internal static class StatementRequests
{
    /// <summary>
    /// The request of <paramref name="statement"/>; <paramref name="prepared"/> is the snapshot of a bound
    /// statement's id and result metadata that the answer will be decoded with (skip_metadata relies on it).
    /// </summary>
    public static CqlRequest Build(CqlStatement statement, CqlClusterOptions options, PreparedResult? prepared = null)
    {
        switch (statement)
        {
            case SimpleStatement simple:
                return new QueryRequest(simple.Query, Options(options, simple, simple.Values, simple.ValueTypes, simple.ValueNames, skipMetadata: false))
                {
                    Tracing = simple.EnableTracing,
                };
            case BoundStatement bound:
            {
                var current = prepared ?? bound.Prepared.Current;
                var skip = current.ResultMetadata.Columns != null && current.ResultMetadata.ColumnCount > 0;
                return new ExecuteRequest(current.Id, bound.Prepared.Query, Options(options, bound, bound.Values, bound.Prepared.VariableTypes, null, skip))
                {
                    Tracing = bound.EnableTracing,
                };
            }

            case BatchStatement batch:
            {
                var entries = new BatchEntry[batch.Statements.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    entries[i] = batch.Statements[i] switch
                    {
                        SimpleStatement s => BatchEntry.ForQuery(s.Query, s.Values, s.ValueTypes),
                        BoundStatement b => BatchEntry.ForPrepared(b.Prepared.Id, b.Values, b.Prepared.VariableTypes),
                        _ => throw new InvalidOperationException("A batch holds simple and bound statements only."),
                    };
                }

                return new BatchRequest
                {
                    Type = batch.Type,
                    Entries = entries,
                    Consistency = batch.Consistency ?? options.DefaultConsistency,
                    SerialConsistency = batch.SerialConsistency,
                    DefaultTimestamp = batch.Timestamp,
                    Description = batch.Describe(),
                    Tracing = batch.EnableTracing,
                };
            }

            default:
                throw new ArgumentException($"Unsupported statement type {statement.GetType().Name}.", nameof(statement));
        }
    }

    private static QueryOptions Options(CqlClusterOptions options, CqlStatement statement, IReadOnlyList<object?> values, IReadOnlyList<CqlType>? types, IReadOnlyList<string>? names, bool skipMetadata)
        => new()
        {
            Consistency = statement.Consistency ?? options.DefaultConsistency,
            Values = values.Count == 0 ? null : values,
            ValueTypes = types,
            ValueNames = names,
            SkipMetadata = skipMetadata,
            PageSize = statement.PageSize ?? options.DefaultPageSize,
            PagingState = statement.PagingState,
            SerialConsistency = statement.SerialConsistency,
            DefaultTimestamp = statement.Timestamp,
        };
}
