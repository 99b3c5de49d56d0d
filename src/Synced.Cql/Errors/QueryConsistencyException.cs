using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>
/// Replicas did not answer a statement (well enough, or in time) at its consistency: the read and write timeouts
/// and failures. Their payloads start alike: the consistency, the replicas that answered and the replicas needed.
/// </summary>
public abstract class QueryConsistencyException : CqlServerException
{
    private protected QueryConsistencyException(ErrorCode code, string message, Consistency consistency, int received, int blockFor)
        : base(code, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
    }

    /// <summary>The consistency of the statement.</summary>
    public Consistency Consistency { get; }

    /// <summary>Replicas that answered.</summary>
    public int Received { get; }

    /// <summary>Replicas the consistency needed.</summary>
    public int BlockFor { get; }

    private protected sealed override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Received);
        writer.WriteInt(BlockFor);
        WriteDetails(writer);
    }

    /// <summary>Writes what follows the block-for count for this error code.</summary>
    private protected abstract void WriteDetails(FrameWriter writer);
}
