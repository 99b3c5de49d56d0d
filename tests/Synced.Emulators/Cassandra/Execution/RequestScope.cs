using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// What one request (a QUERY, EXECUTE or BATCH message) carries across its statements: consistency, client warnings
/// for the response frame, the trace when the client asked for tracing, and what the coordinator learnt.
/// </summary>
internal sealed class RequestScope
{
    public ConsistencyLevel Consistency { get; set; } = ConsistencyLevel.One;
    public List<string> Warnings { get; } = new();
    public Cluster.TraceSession? Trace { get; set; }
    public RequestOutcome Outcome { get; } = new();

    /// <summary>Runs once, just before the answer goes out: whoever reads the request log after the answer finds the request there.</summary>
    public System.Action? BeforeAnswer { get; set; }
}
