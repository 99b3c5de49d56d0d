using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas failed a write (error WriteFailure).</summary>
public sealed class WriteFailureException : QueryConsistencyException
{
    public WriteFailureException(string message, Consistency consistency, int received, int blockFor, int failures, string writeType)
        : base(ErrorCode.WriteFailure, message, consistency, received, blockFor)
    {
        Failures = failures;
        WriteType = writeType;
    }

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; }

    /// <summary>SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</summary>
    public string WriteType { get; }

    private protected override void WriteDetails(FrameWriter writer)
    {
        writer.WriteInt(Failures);
        writer.WriteString(WriteType);
    }
}
