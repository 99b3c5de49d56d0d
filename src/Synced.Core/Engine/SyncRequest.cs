using System;
using Synced.Core.Checkpoints;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// What a run syncs and how: the one description of a run, from the cmdlet through the loop and the runner to the
/// engine (each takes what it needs). The connection settings are not part of it: they say how to reach the
/// clusters, not what to do there.
/// </summary>
public sealed class SyncRequest
{
    /// <summary>Entries per batch when none is given.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Batches in flight per table when none is given.</summary>
    public const int DefaultParallelism = 4;

    /// <summary>The default of <see cref="AlreadySyncedCapacity"/>: 262,144 versions, about 10 MB.</summary>
    public const int DefaultAlreadySyncedCapacity = 262_144;

    /// <summary>Creates a request for <paramref name="configuration"/>.</summary>
    public SyncRequest(SyncConfiguration configuration) => Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));

    /// <summary>The configuration: its keyspace and index, and its identity, which addresses the checkpoint and the lock.</summary>
    public SyncConfiguration Configuration { get; }

    /// <summary>Which tables take part (and so which watermarks the run reads and moves).</summary>
    public TableSelection Tables { get; set; } = TableSelection.All;

    /// <summary>Which way(s).</summary>
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>The first change time to sync, UTC, for every table; null for each table's watermark minus the overlap.</summary>
    public DateTime? Begin { get; set; }

    /// <summary>The first change time not synced, UTC; null for the moment the run starts.</summary>
    public DateTime? End { get; set; }

    /// <summary>Re-scan window before each watermark (late-visible entries).</summary>
    public TimeSpan Overlap { get; set; } = RangeResolver.DefaultOverlap;

    /// <summary>Neither read nor write the checkpoint.</summary>
    public bool NoCheckpoint { get; set; }

    /// <summary>Compare only and write nothing: no entry, no table, no watermark.</summary>
    public bool DryRun { get; set; }

    /// <summary>After the run, compare its range on both sides and report the differences as warnings.</summary>
    public bool Verify { get; set; }

    /// <summary>Create a table / index the target lacks from the source's.</summary>
    public bool CreateMissing { get; set; }

    /// <summary>How writes into Elasticsearch guard against older versions.</summary>
    public ConflictMode ConflictMode { get; set; } = ConflictMode.Compare;

    /// <summary>Entries per upsert batch (1 to 10,000).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Batches in flight at once per table (1 to 64): bounds memory and load on the target.</summary>
    public int Parallelism { get; set; } = DefaultParallelism;

    /// <summary>
    /// How many versions the first direction may remember as equal on both sides, so the second skips them
    /// (about 40 bytes each). Past it, versions take the usual path. 0 turns the shortcut off.
    /// </summary>
    public int AlreadySyncedCapacity { get; set; } = DefaultAlreadySyncedCapacity;

    /// <summary>How many failed entries the result keeps (all of them are reported to the observer).</summary>
    public int MaxFailuresKept { get; set; } = 10_000;

    /// <exception cref="ArgumentOutOfRangeException">A size is out of its bounds.</exception>
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
