using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas failed a write (error WriteFailure).</summary>
public sealed class WriteFailureException : CqlServerException
{
    public WriteFailureException(string message, Consistency consistency, int received, int blockFor, int failures, string writeType)
        : base(ErrorCode.WriteFailure, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        Failures = failures;
        WriteType = writeType;
    }

    public Consistency Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    public int Failures { get; }

    public string WriteType { get; }

    protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Received);
        writer.WriteInt(BlockFor);
        writer.WriteInt(Failures);
        writer.WriteString(WriteType);
    }
}
