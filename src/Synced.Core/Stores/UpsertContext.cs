using Synced.Core.Model;

namespace Synced.Core.Stores;

/// <summary>How a batch is to be upserted into the target.</summary>
public sealed class UpsertContext
{
    /// <summary>The precision of the source's tmstmp: the target compares at the coarser of this and its own.</summary>
    public TimestampPrecision SourcePrecision { get; set; } = TimestampPrecision.Ticks;

    /// <summary>Compare only and report <see cref="UpsertOutcomeKind.WouldWrite"/>; write nothing (-WhatIf).</summary>
    public bool DryRun { get; set; }
}
