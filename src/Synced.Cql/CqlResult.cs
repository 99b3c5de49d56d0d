using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>The outcome of a statement: its kind and what that kind carries, plus warnings, payload and tracing id.</summary>
public sealed class CqlResult
{
    internal CqlResult(ResultKind kind, string host)
    {
        Kind = kind;
        Host = host;
    }

    public ResultKind Kind { get; }

    /// <summary>The node that answered (host:port).</summary>
    public string Host { get; }

    /// <summary>The first page of rows (kind Rows).</summary>
    public CqlRowSet? Rows { get; internal set; }

    /// <summary>The keyspace switched to (kind SetKeyspace).</summary>
    public string? Keyspace { get; internal set; }

    /// <summary>The schema change (kind SchemaChange).</summary>
    public SchemaChange? SchemaChange { get; internal set; }

    /// <summary>The prepared statement (kind Prepared).</summary>
    internal PreparedResult? Prepared { get; set; }

    /// <summary>
    /// For a schema change: true when every live node reported the same schema version within
    /// <see cref="CqlClusterOptions.SchemaAgreementTimeout"/> after it; always true for other results.
    /// </summary>
    public bool SchemaInAgreement { get; internal set; } = true;

    /// <summary>For a schema change: the wait for agreement and the versions seen; null for other results.</summary>
    public Metadata.SchemaAgreement? SchemaAgreement { get; internal set; }

    /// <summary>Warnings the node attached (e.g. large batch, tombstones).</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();

    /// <summary>Custom payload the node attached, if any.</summary>
    public IReadOnlyDictionary<string, byte[]?>? CustomPayload { get; internal set; }

    /// <summary>Tracing session id when tracing was asked for.</summary>
    public Guid? TracingId { get; internal set; }
}
