using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Replicas did not answer a read in time (error ReadTimeout).</summary>
public sealed class ReadTimeoutException : CqlServerException
{
    public ReadTimeoutException(string message, Consistency consistency, int received, int blockFor, bool dataPresent)
        : base(ErrorCode.ReadTimeout, message)
    {
        Consistency = consistency;
        Received = received;
        BlockFor = blockFor;
        DataPresent = dataPresent;
    }

    public Consistency Consistency { get; }

    public int Received { get; }

    public int BlockFor { get; }

    /// <summary>True when the replica asked for data answered.</summary>
    public bool DataPresent { get; }

    protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Received);
        writer.WriteInt(BlockFor);
        writer.WriteByte(DataPresent ? (byte)1 : (byte)0);
    }
}
