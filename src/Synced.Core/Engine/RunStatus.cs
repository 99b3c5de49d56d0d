namespace Synced.Core.Engine;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Every selected table was synced (skipped tables are reported, not failures).</summary>
    Succeeded,

    /// <summary>Some entries or tables failed; the checkpoint stayed where it was.</summary>
    Incomplete,

    /// <summary>-WhatIf: compared both ways, wrote nothing.</summary>
    WhatIf,
}
