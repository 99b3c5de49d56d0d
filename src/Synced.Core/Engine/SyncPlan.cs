using System;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>What one engine pass does: which stores, which range, which tables, which way, how.</summary>
public sealed class SyncPlan
{
    /// <summary>Entries per batch when none is given.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Batches in flight per table when none is given.</summary>
    public const int DefaultParallelism = 4;

    /// <summary>Creates a plan that syncs the same range for every table.</summary>
    public SyncPlan(ISyncStore cassandra, ISyncStore elasticsearch, TimeRange range)
        : this(cassandra, elasticsearch, TableRanges.Same(range))
    {
    }

    /// <summary>Creates a plan with a range per table and direction.</summary>
    public SyncPlan(ISyncStore cassandra, ISyncStore elasticsearch, TableRanges ranges)
    {
        Cassandra = cassandra ?? throw new ArgumentNullException(nameof(cassandra));
        Elasticsearch = elasticsearch ?? throw new ArgumentNullException(nameof(elasticsearch));
        Ranges = ranges ?? throw new ArgumentNullException(nameof(ranges));
    }

    /// <summary>The Cassandra side.</summary>
    public ISyncStore Cassandra { get; }

    /// <summary>The Elasticsearch side.</summary>
    public ISyncStore Elasticsearch { get; }

    /// <summary>The range of change times to sync, per table and direction.</summary>
    public TableRanges Ranges { get; }

    /// <summary>The tables of both sides when the caller listed them already (the engine lists them otherwise).</summary>
    public TableInventory? Inventory { get; set; }

    /// <summary>Which way(s).</summary>
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>Which tables.</summary>
    public TableSelection Tables { get; set; } = TableSelection.All;

    /// <summary>Entries per upsert batch (1 to 10,000).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Batches in flight at once per table (1 to 64): bounds memory and load on the target.</summary>
    public int Parallelism { get; set; } = DefaultParallelism;

    /// <summary>Compare only; write nothing (-WhatIf).</summary>
    public bool DryRun { get; set; }

    /// <summary>Create a table / index the target lacks from the source's (-CreateMissing).</summary>
    public bool CreateMissing { get; set; }

    /// <summary>
    /// How many versions the first direction may remember as equal on both sides, so the second skips them
    /// (about 40 bytes each). Past it, versions take the usual path. 0 turns the shortcut off.
    /// </summary>
    public int AlreadySyncedCapacity { get; set; } = DefaultAlreadySyncedCapacity;

    /// <summary>The default of <see cref="AlreadySyncedCapacity"/>: 262,144 versions, about 10 MB.</summary>
    public const int DefaultAlreadySyncedCapacity = 262_144;

    /// <summary>How many failed entries the result keeps (all of them are reported to the observer).</summary>
    public int MaxFailuresKept { get; set; } = 10_000;

    internal void Validate()
    {
        if (BatchSize is < 1 or > 10_000)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "the batch size is from 1 to 10000");
        if (Parallelism is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "the parallelism is from 1 to 64");
        if (AlreadySyncedCapacity < 0)
            throw new ArgumentOutOfRangeException(nameof(AlreadySyncedCapacity), AlreadySyncedCapacity, "the capacity cannot be negative");
    }
}
