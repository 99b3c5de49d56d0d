using System;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>Everything a run needs besides its two stores.</summary>
public sealed class SyncRunRequest
{
    /// <summary>Creates a request for <paramref name="configuration"/>.</summary>
    public SyncRunRequest(SyncConfiguration configuration) => Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));

    /// <summary>The configuration (its identity addresses the checkpoint and the lock).</summary>
    public SyncConfiguration Configuration { get; }

    /// <summary>Which tables take part (and so which watermarks the run reads and moves).</summary>
    public TableSelection Tables { get; set; } = TableSelection.All;

    /// <summary>Which way(s).</summary>
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>-Begin, UTC, or null for each table's watermark minus the overlap.</summary>
    public DateTime? Begin { get; set; }

    /// <summary>-End, UTC, or null for the moment the run starts.</summary>
    public DateTime? End { get; set; }

    /// <summary>Re-scan window before each watermark (late-visible entries).</summary>
    public TimeSpan Overlap { get; set; } = RangeResolver.DefaultOverlap;

    /// <summary>-NoCheckpoint: neither read nor write the checkpoint.</summary>
    public bool NoCheckpoint { get; set; }

    /// <summary>-WhatIf.</summary>
    public bool DryRun { get; set; }

    /// <summary>-Verify: after the run, compare its range on both sides and report differences as warnings.</summary>
    public bool Verify { get; set; }

    /// <summary>-CreateMissing.</summary>
    public bool CreateMissing { get; set; }

    /// <summary>-BatchSize.</summary>
    public int BatchSize { get; set; } = SyncPlan.DefaultBatchSize;

    /// <summary>-Parallelism.</summary>
    public int Parallelism { get; set; } = SyncPlan.DefaultParallelism;
}
