namespace Synced.Core.Engine;

/// <summary>How the sync of one table in one direction ended.</summary>
public enum TableStatus
{
    /// <summary>Every entry read was written or already present in the same or a newer version.</summary>
    Synced,

    /// <summary>Some entries failed; the others were synced. The watermark stays.</summary>
    Incomplete,

    /// <summary>The table (or its counterpart) does not meet the data contract: reported, not synced, and the run's status is not affected.</summary>
    Ignored,

    /// <summary>The table meets the contract but the target has no counterpart (and none was to be created): the run is incomplete.</summary>
    Unmatched,

    /// <summary>The table's sync stopped on an error (e.g. the connection was lost). The watermark stays.</summary>
    Failed,

    /// <summary>The run was cancelled while this table was being synced. The watermark stays.</summary>
    Cancelled,
}
