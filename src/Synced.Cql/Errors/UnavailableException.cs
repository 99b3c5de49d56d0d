using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>Not enough replicas were alive to even try the request at its consistency (error Unavailable).</summary>
public sealed class UnavailableException : CqlServerException
{
    public UnavailableException(string message, Consistency consistency, int required, int alive)
        : base(ErrorCode.Unavailable, message)
    {
        Consistency = consistency;
        Required = required;
        Alive = alive;
    }

    public Consistency Consistency { get; }

    /// <summary>Replicas the consistency level needs.</summary>
    public int Required { get; }

    /// <summary>Replicas known alive.</summary>
    public int Alive { get; }

    private protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteConsistency(Consistency);
        writer.WriteInt(Required);
        writer.WriteInt(Alive);
    }
}
