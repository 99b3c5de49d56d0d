using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>EXECUTE of an id the node does not know (error Unprepared); the client re-prepares and retries.</summary>
public sealed class UnpreparedException : CqlServerException
{
    public UnpreparedException(string message, byte[] id)
        : base(ErrorCode.Unprepared, message)
    {
        Id = id;
    }

    /// <summary>The unknown statement id.</summary>
    public byte[] Id { get; }

    private protected override void WritePayload(FrameWriter writer) => writer.WriteShortBytes(Id);
}
