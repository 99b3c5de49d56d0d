using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas did not acknowledge a write in time (error WriteTimeout); the write may still have happened.</summary>
public sealed class WriteTimeoutException : CqlServerException
{
    public WriteTimeoutException(string message, Consistency consistency, int received, int blockFor, string writeType)
        : base(ErrorCode.WriteTimeout, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        WriteType = writeType;
    }

    public Consistency Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    /// <summary>SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</summary>
    public string WriteType { get; }

    protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Received);
        writer.WriteInt(BlockFor);
        writer.WriteString(WriteType);
    }
}
