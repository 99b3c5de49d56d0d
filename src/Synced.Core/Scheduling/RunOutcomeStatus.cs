namespace Synced.Core.Scheduling;

/// <summary>How one run of a loop ended, including the ends that produce no run result.</summary>
public enum RunOutcomeStatus
{
    /// <summary>Every selected table that meets the contract was synced.</summary>
    Succeeded,

    /// <summary>Some entries or tables were not synced; their watermarks stayed.</summary>
    Incomplete,

    /// <summary>-WhatIf: compared, wrote nothing.</summary>
    WhatIf,

    /// <summary>Stopped on request (Ctrl+C, SIGTERM, service stop) at a safe point.</summary>
    Stopped,

    /// <summary>The run failed on an error before it had a result (a cluster unreachable, a table pattern matching nothing, ...).</summary>
    Failed,

    /// <summary>Another run of the configuration held its lock, so this one did not start.</summary>
    Skipped,
}
