using Synced.Cql.Protocol;

namespace Synced.Core.Cassandra;

/// <summary>
/// Which consistency levels Cassandra accepts for reads and for writes, checked before a run starts rather than
/// failing on the first statement: ANY is a write-only level (a hint is enough to acknowledge it, so nothing can
/// be read at it), and SERIAL / LOCAL_SERIAL are Paxos levels that plain writes refuse.
/// </summary>
public static class ConsistencyRules
{
    /// <summary>Why <paramref name="level"/> cannot serve reads, or null when it can.</summary>
    public static string? WhyNotForReads(Consistency level)
        => level == Consistency.Any
            ? "ANY is accepted for writes only (a stored hint acknowledges it, so no replica need hold the data); Cassandra refuses it for reads"
            : null;

    /// <summary>Why <paramref name="level"/> cannot serve writes, or null when it can.</summary>
    public static string? WhyNotForWrites(Consistency level)
        => level is Consistency.Serial or Consistency.LocalSerial
            ? $"{Name(level)} is the Paxos level of conditional statements and serial reads; Cassandra refuses it for plain writes"
            : null;

    /// <summary>The level as CQL writes it (LOCAL_QUORUM).</summary>
    public static string Name(Consistency level) => level switch
    {
        Consistency.LocalQuorum => "LOCAL_QUORUM",
        Consistency.EachQuorum => "EACH_QUORUM",
        Consistency.LocalSerial => "LOCAL_SERIAL",
        Consistency.LocalOne => "LOCAL_ONE",
        _ => level.ToString().ToUpperInvariant(),
    };
}
