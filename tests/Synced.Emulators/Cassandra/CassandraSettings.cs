using System;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// The cassandra.yaml settings the emulated nodes honour, with Cassandra 4.1's defaults. Every property may be
/// changed while the cluster runs (requests read them when they start), so a test can shrink a timeout or switch
/// a guardrail off for one scenario.
/// </summary>
public sealed class CassandraSettings
{
    /// <summary>read_request_timeout (5 s): a single-partition read slower than this answers ReadTimeout.</summary>
    public TimeSpan ReadRequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>range_request_timeout (10 s): a range read (token ranges, full scans) slower than this answers ReadTimeout.</summary>
    public TimeSpan RangeRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>tombstone_warn_threshold (1000): a read that scans more tombstones gets a client warning.</summary>
    public int TombstoneWarnThreshold { get; set; } = 1000;

    /// <summary>tombstone_failure_threshold (100000): a read that scans more tombstones fails with ReadFailure.</summary>
    public int TombstoneFailureThreshold { get; set; } = 100_000;

    /// <summary>max_mutation_size: half of commitlog_segment_size (32 MiB), so 16 MiB; a bigger mutation is refused.</summary>
    public long MaxMutationSize { get; set; } = 16L * 1024 * 1024;

    /// <summary>batch_size_warn_threshold (5 KiB): a batch bigger than this gets a client warning.</summary>
    public long BatchSizeWarnThreshold { get; set; } = 5 * 1024;

    /// <summary>batch_size_fail_threshold (50 KiB): a batch bigger than this is refused ("Batch too large").</summary>
    public long BatchSizeFailThreshold { get; set; } = 50 * 1024;

    /// <summary>unlogged_batch_across_partitions_warn_threshold (10): an unlogged batch over more partitions gets a warning.</summary>
    public int UnloggedBatchAcrossPartitionsWarnThreshold { get; set; } = 10;

    /// <summary>allow_filtering_enabled guardrail (4.1+, default true): when false, ALLOW FILTERING is refused.</summary>
    public bool AllowFilteringEnabled { get; set; } = true;

    /// <summary>How long a schema change takes to reach the other nodes (0: at once); meanwhile schema versions disagree.</summary>
    public TimeSpan SchemaPropagationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Live rows one page of an ALLOW FILTERING scan examines at most before it ends (0: no limit, the default).
    /// A page that stops this way may hold fewer rows than asked, or none, and still carries a paging state, so a
    /// client meets the short and empty pages in the middle of a filtered scan it must handle.
    /// </summary>
    public long FilteredPageExamineLimit { get; set; }

    /// <summary>native_transport_max_frame_size (16 MiB): a longer request frame is refused with a protocol error.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;
}
