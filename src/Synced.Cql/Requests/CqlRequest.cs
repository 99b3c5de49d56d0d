using Synced.Cql.Protocol;

namespace Synced.Cql.Requests;

/// <summary>A request message: its opcode, how its body is written, and how it is named in errors.</summary>
internal abstract class CqlRequest
{
    public abstract Opcode Opcode { get; }

    /// <summary>Frame flags (tracing).</summary>
    public virtual FrameFlags Flags => FrameFlags.None;

    public abstract void WriteBody(FrameWriter writer);

    /// <summary>What this request is, for timeout and error messages (never includes bound values).</summary>
    public abstract string Describe();
}
