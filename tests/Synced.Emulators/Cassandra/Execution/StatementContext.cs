using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Values and settings one statement runs with (bound values, paging, timestamps, current keyspace).</summary>
internal sealed class StatementContext
{
    /// <summary>The protocol's "unset" value (length -2): leaves a column untouched.</summary>
    [SuppressMessage("Performance", "CA1825:Avoid zero-length array allocations",
        Justification = "A sentinel told apart by reference (IsUnset): an array of its own, never the shared Array.Empty that an empty value may be.")]
    public static readonly byte[] Unset = new byte[0];

    public StatementContext(string? keyspace, IReadOnlyList<byte[]?> values, int nowInSeconds, RequestScope? scope = null)
    {
        Scope = scope ?? new RequestScope();
        Keyspace = keyspace;
        Values = values;
        NowInSeconds = nowInSeconds;
    }

    public string? Keyspace { get; }
    /// <summary>Values by marker index (named values already mapped to positions).</summary>
    public IReadOnlyList<byte[]?> Values { get; }
    public int NowInSeconds { get; }
    public int PageSize { get; set; }
    /// <summary>Live rows one page of an ALLOW FILTERING scan may examine (0: no limit); see CassandraSettings.</summary>
    public long FilteredPageExamineLimit { get; set; }
    public byte[]? PagingState { get; set; }
    /// <summary>Client-supplied default timestamp (microseconds) from the frame, if any.</summary>
    public long? DefaultTimestamp { get; set; }
    /// <summary>Set by the node: the timestamp used when the statement has none.</summary>
    public long StatementTimestamp { get; set; }
    /// <summary>The request this statement belongs to (shared by the statements of a BATCH message).</summary>
    public RequestScope Scope { get; }
    /// <summary>The consistency level the request asked for.</summary>
    public ConsistencyLevel Consistency => Scope.Consistency;
    /// <summary>Client warnings Cassandra would send back in the response frame (ClientWarn).</summary>
    public List<string> Warnings => Scope.Warnings;
    /// <summary>The trace of this request when the client asked for tracing, else null.</summary>
    public Cluster.TraceSession? Trace => Scope.Trace;
    /// <summary>What the coordinator learnt while running the statement, for the request record.</summary>
    public RequestOutcome Outcome => Scope.Outcome;

    public byte[]? Value(BindMarkerTerm marker)
    {
        if (marker.Index >= Values.Count)
            throw new CqlInvalidException($"There were {Values.Count} markers(?) in CQL but {Values.Count} bound variables; marker {marker.Index} has no value");
        return Values[marker.Index];
    }

    public static bool IsUnset(byte[]? value) => ReferenceEquals(value, Unset);

    /// <summary>Records a trace event at <paramref name="source"/> when the request is traced.</summary>
    public void TraceAt(System.Net.IPAddress source, string activity) => Trace?.Add(source, activity);

    public static string KeyspaceOf(QualifiedName name, string? current)
        => name.Keyspace ?? current ?? throw new CqlInvalidException("No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
}
