using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas did not answer a read in time (error ReadTimeout).</summary>
public sealed class ReadTimeoutException : QueryConsistencyException
{
    public ReadTimeoutException(string message, Consistency consistency, int received, int blockFor, bool dataPresent)
        : base(ErrorCode.ReadTimeout, message, consistency, received, blockFor)
        => DataPresent = dataPresent;

    /// <summary>True when the replica asked for data answered.</summary>
    public bool DataPresent { get; }

    private protected override void WriteDetails(FrameWriter writer) => writer.WriteByte(DataPresent ? (byte)1 : (byte)0);
}
