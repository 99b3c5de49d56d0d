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
}
