using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas did not acknowledge a write in time (error WriteTimeout); the write may still have happened.</summary>
public sealed class WriteTimeoutException : QueryConsistencyException
{
    public WriteTimeoutException(string message, Consistency consistency, int received, int blockFor, string writeType)
        : base(ErrorCode.WriteTimeout, message, consistency, received, blockFor)
        => WriteType = writeType;

    /// <summary>SIMPLE, BATCH, UNLOGGED_BATCH, COUNTER, BATCH_LOG, CAS, VIEW or CDC.</summary>
    public string WriteType { get; }

    private protected override void WriteDetails(FrameWriter writer) => writer.WriteString(WriteType);
}
