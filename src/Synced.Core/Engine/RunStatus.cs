namespace Synced.Core.Engine;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Every selected table that meets the contract was synced (ignored tables are reported, not failures).</summary>
    Succeeded,

    /// <summary>Some entries or tables failed, or a table had no counterpart; their watermarks stayed where they were.</summary>
    Incomplete,

    /// <summary>-WhatIf: compared both ways, wrote nothing.</summary>
    WhatIf,

    /// <summary>Stopped (Ctrl+C, SIGTERM) before it finished; only tables that finished moved their watermarks.</summary>
    Stopped,
}
