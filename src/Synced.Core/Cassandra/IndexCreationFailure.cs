namespace Synced.Core.Cassandra;

/// <summary>Why the index on tmstmp of a table was not created.</summary>
public enum IndexCreationFailure
{
    /// <summary>The keyspace has no such table.</summary>
    TableNotFound,

    /// <summary>The table does not meet the data contract, so no run scans it and an index would not help.</summary>
    OutsideContract,

    /// <summary>The cluster cannot have a storage-attached index on a clustering column (before Cassandra 5.0).</summary>
    NotSupported,

    /// <summary>Cassandra refused or failed the CREATE INDEX statement (permissions, a name taken, a node error).</summary>
    Refused,
}
