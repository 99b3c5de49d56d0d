namespace Synced.PowerShell.Infrastructure;

/// <summary>The stable ErrorIds of the module's error records; scripts may depend on them.</summary>
public static class ErrorIds
{
    /// <summary>No checkpoint matches the given name or configuration.</summary>
    public const string CheckpointNotFound = "CheckpointNotFound";

    /// <summary>A checkpoint file cannot be read or understood.</summary>
    public const string CheckpointCorrupt = "CheckpointCorrupt";

    /// <summary>Another run of the configuration holds its lock.</summary>
    public const string CheckpointLocked = "CheckpointLocked";

    /// <summary>A time or range cannot be used.</summary>
    public const string InvalidTimeRange = "InvalidTimeRange";

    /// <summary>The parameters do not make a valid configuration.</summary>
    public const string InvalidConfiguration = "InvalidConfiguration";

    /// <summary>A checkpoint file was written by a newer Synced; it is left untouched.</summary>
    public const string CheckpointNewerFormat = "CheckpointNewerFormat";

    /// <summary>The state directory cannot be used (a file, not writable, not creatable).</summary>
    public const string StatePathInvalid = "StatePathInvalid";

    /// <summary>A -Table pattern matches no table on either side; nothing ran.</summary>
    public const string TableNotFound = "TableNotFound";

    /// <summary>A Cassandra consistency level cannot serve what it is given for (ANY for reads, SERIAL / LOCAL_SERIAL for writes).</summary>
    public const string InvalidConsistency = "InvalidConsistency";

    /// <summary>Add-SyncedIndex: the table does not meet the data contract, so runs do not scan it and no index was created.</summary>
    public const string TableOutsideContract = "TableOutsideContract";

    /// <summary>Add-SyncedIndex: the cluster cannot have a storage-attached index on tmstmp (Cassandra before 5.0); nothing was created.</summary>
    public const string IndexNotSupported = "IndexNotSupported";

    /// <summary>Add-SyncedIndex: Cassandra refused or failed the CREATE INDEX statement of a table.</summary>
    public const string IndexNotCreated = "IndexNotCreated";

    /// <summary>One entry could not be synced.</summary>
    public const string EntryNotSynced = "EntryNotSynced";

    /// <summary>One table could not be synced.</summary>
    public const string TableNotSynced = "TableNotSynced";

    /// <summary>The run ended with failures; its checkpoint did not move.</summary>
    public const string SyncIncomplete = "SyncIncomplete";

    /// <summary>No node of a cluster answered (refused, timed out, name not found); nothing was written.</summary>
    public const string ClusterUnreachable = "ClusterUnreachable";

    /// <summary>A cluster refused the credentials, or they lack a privilege the connection needs; nothing was written.</summary>
    public const string AuthenticationFailed = "AuthenticationFailed";

    /// <summary>The TLS handshake or certificate check with Cassandra failed; nothing was written.</summary>
    public const string TlsFailed = "TlsFailed";

    /// <summary>The server answered but is not what was expected (not Elasticsearch, an unsupported version); nothing was written.</summary>
    public const string NotTheExpectedServer = "NotTheExpectedServer";

    /// <summary>The keyspace does not exist; nothing was written.</summary>
    public const string KeyspaceNotFound = "KeyspaceNotFound";

    /// <summary>The index (or alias) does not exist and the run is not to create it; nothing was written.</summary>
    public const string IndexNotFound = "IndexNotFound";

    /// <summary>A cluster answered with an error of its own while connecting (starting, blocked, overloaded); nothing was written.</summary>
    public const string ClusterError = "ClusterError";

    /// <summary>One table could not be compared.</summary>
    public const string TableNotCompared = "TableNotCompared";

    /// <summary>A side holds an entry it cannot read (no UUID id, no readable tmstmp); it was not compared.</summary>
    public const string EntryNotCompared = "EntryNotCompared";

    /// <summary>The comparison did not cover everything it was asked to (a table failed, entries could not be read).</summary>
    public const string ComparisonIncomplete = "ComparisonIncomplete";

    /// <summary>A difference given to Repair-SyncedData cannot be repaired as given (e.g. a table pattern instead of a name).</summary>
    public const string InvalidDifference = "InvalidDifference";

    /// <summary>A run failed on an error none of the other ids names (continuous mode goes on with the next run).</summary>
    public const string RunFailed = "RunFailed";

    /// <summary>-MetricsPath cannot be used (its directory is missing, it is a directory).</summary>
    public const string MetricsPathInvalid = "MetricsPathInvalid";

    /// <summary>-MetricsPort cannot be listened on (in use, not permitted).</summary>
    public const string MetricsPortUnavailable = "MetricsPortUnavailable";
}
