using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas failed a read (error ReadFailure), e.g. too many tombstones.</summary>
public sealed class ReadFailureException : QueryConsistencyException
{
    public ReadFailureException(string message, Consistency consistency, int received, int blockFor, int failures, bool dataPresent)
        : base(ErrorCode.ReadFailure, message, consistency, received, blockFor)
    {
        Failures = failures;
        DataPresent = dataPresent;
    }

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; }

    /// <summary>True when the replica asked for data answered.</summary>
    public bool DataPresent { get; }

    private protected override void WriteDetails(FrameWriter writer)
    {
        writer.WriteInt(Failures);
        writer.WriteByte(DataPresent ? (byte)1 : (byte)0);
    }
}
