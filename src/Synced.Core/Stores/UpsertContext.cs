using Synced.Core.Model;

namespace Synced.Core.Stores;

/// <summary>
/// How a batch is to be upserted into the target: the store's share of a run's request or a repair's options, made
/// by <see cref="From"/>.
/// </summary>
public sealed class UpsertContext
{
    /// <summary>How the batches of <paramref name="source"/> are upserted: compared at its precision, and written unless <paramref name="dryRun"/>.</summary>
    public static UpsertContext From(ISyncStore source, bool dryRun)
        => new() { SourcePrecision = (source ?? throw new System.ArgumentNullException(nameof(source))).Precision, DryRun = dryRun };

    /// <summary>The precision of the source's tmstmp: the target compares at the coarser of this and its own.</summary>
    public TimestampPrecision SourcePrecision { get; set; } = TimestampPrecision.Ticks;

    /// <summary>Compare only and report <see cref="UpsertOutcomeKind.WouldWrite"/>; write nothing (-WhatIf).</summary>
    public bool DryRun { get; set; }
}
