using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>A request message: its opcode, how its body is written, and how it is named in errors.</summary>
internal abstract class CqlRequest
{
    public abstract Opcode Opcode { get; }

    /// <summary>Ask the node to trace this request (statements only; the tracing id comes back in the result).</summary>
    public bool Tracing { get; init; }

    /// <summary>The frame flags the request needs.</summary>
    public FrameFlags Flags => Tracing ? FrameFlags.Tracing : FrameFlags.None;

    public abstract void WriteBody(FrameWriter writer);

    /// <summary>What this request is, for timeout and error messages (never includes bound values).</summary>
    public abstract string Describe();
}
