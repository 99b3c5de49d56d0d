using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas failed a read (error ReadFailure), e.g. too many tombstones.</summary>
public sealed class ReadFailureException : CqlServerException
{
    public ReadFailureException(string message, Consistency consistency, int received, int blockFor, int failures, bool dataPresent)
        : base(ErrorCode.ReadFailure, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        DataPresent = dataPresent;
    }

    public Consistency Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public int Failures { get; }

    public bool DataPresent { get; }

    protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Received);
        writer.WriteInt(BlockFor);
        writer.WriteInt(Failures);
        writer.WriteByte(DataPresent ? (byte)1 : (byte)0);
    }
}
