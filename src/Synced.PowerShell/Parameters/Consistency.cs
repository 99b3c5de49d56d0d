namespace Synced;

/// <summary>
/// The values of <c>-Consistency</c>, <c>-ReadConsistency</c> and <c>-WriteConsistency</c>: Cassandra consistency
/// levels. The cmdlets' own type (PowerShell reads parameter types before the engine can load), one member per
/// level of the CQL client.
/// </summary>
public enum Consistency : ushort
{
    /// <summary>A write lands on any node, even as a hint.</summary>
    Any = (ushort)Cql.Protocol.Consistency.Any,

    /// <summary>One replica.</summary>
    One = (ushort)Cql.Protocol.Consistency.One,

    /// <summary>Two replicas.</summary>
    Two = (ushort)Cql.Protocol.Consistency.Two,

    /// <summary>Three replicas.</summary>
    Three = (ushort)Cql.Protocol.Consistency.Three,

    /// <summary>A majority of all replicas.</summary>
    Quorum = (ushort)Cql.Protocol.Consistency.Quorum,

    /// <summary>Every replica.</summary>
    All = (ushort)Cql.Protocol.Consistency.All,

    /// <summary>A majority of the replicas in the local data center. The default.</summary>
    LocalQuorum = (ushort)Cql.Protocol.Consistency.LocalQuorum,

    /// <summary>A majority of the replicas in each data center.</summary>
    EachQuorum = (ushort)Cql.Protocol.Consistency.EachQuorum,

    /// <summary>Serial (lightweight transactions).</summary>
    Serial = (ushort)Cql.Protocol.Consistency.Serial,

    /// <summary>Serial within the local data center.</summary>
    LocalSerial = (ushort)Cql.Protocol.Consistency.LocalSerial,

    /// <summary>One replica in the local data center.</summary>
    LocalOne = (ushort)Cql.Protocol.Consistency.LocalOne,
}
