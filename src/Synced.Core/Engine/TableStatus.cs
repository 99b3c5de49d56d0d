namespace Synced.Core.Engine;

/// <summary>How the sync of one table in one direction ended.</summary>
public enum TableStatus
{
    /// <summary>Every entry read was written or already present in the same or a newer version.</summary>
    Synced,

    /// <summary>Some entries failed; the others were synced.</summary>
    Incomplete,

    /// <summary>The table was not synced: it does not meet the contract, or the target lacks it.</summary>
    Skipped,

    /// <summary>The table's sync stopped on an error (e.g. the connection was lost).</summary>
    Failed,

    /// <summary>The run was cancelled while this table was being synced.</summary>
    Cancelled,
}
