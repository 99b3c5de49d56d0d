using System;
using System.Linq;
using Synced.Core.Engine;
using Synced.Core.Scheduling;
using Synced.PowerShell.Infrastructure;

namespace Synced;

/// <summary>What one Invoke-SyncedRun did: the run's result (and, with -Interval, how the run of the loop ended), for formatting.</summary>
public sealed class RunResult
{
    private readonly RunOutcome _outcome;
    private readonly SyncResult? _result;

    /// <summary>A run that has a result.</summary>
    internal RunResult(RunOutcome outcome)
    {
        _outcome = outcome;
        _result = outcome.Result ?? throw new ArgumentException("the run has no result", nameof(outcome));
        Tables = _result.Tables.Select(t => new TableResult(t)).ToArray();
        Failures = _result.Failures.ToArray();
        Problems = _result.Problems.Select(ParameterNames.Describe).ToArray();
        Verification = _result.Verification?.Tables.Select(t => new ComparisonSummary(t, _result.Keyspace, _result.Index, _result.Begin, _result.End)).ToArray();
    }

    /// <summary>
    /// A run of a continuous loop that ended before it had a result (a cluster unreachable, another run holding
    /// the lock, a stop while connecting): no range and no table, <paramref name="problem"/> as the one problem.
    /// </summary>
    internal RunResult(RunOutcome outcome, string problem)
    {
        _outcome = outcome;
        Tables = Array.Empty<TableResult>();
        Failures = Array.Empty<EntryFailure>();
        Problems = new[] { problem };
    }

    /// <summary>The <see cref="BeginSource"/> of a run that ended before it had a range.</summary>
    public const string NoRange = "None";

    /// <summary>The configuration's checkpoint name.</summary>
    public string Name => _outcome.Configuration.DisplayName;

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace => _outcome.Configuration.Keyspace;

    /// <summary>Elasticsearch index.</summary>
    public string Index => _outcome.Configuration.Index;

    /// <summary>Range begin (UTC), included.</summary>
    public DateTime Begin => _result?.Begin ?? _outcome.StartedAt;

    /// <summary>Range end (UTC), excluded.</summary>
    public DateTime End => _result?.End ?? _outcome.StartedAt;

    /// <summary>Where the begin came from: Explicit, Checkpoint or Epoch; None when the run ended before it had a range.</summary>
    public string BeginSource => _result?.BeginSource.ToString() ?? NoRange;

    /// <summary>Both, CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public string Direction => _outcome.Request.Direction.ToString();

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedAt => _result?.StartedAt ?? _outcome.StartedAt;

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => _result?.Duration ?? _outcome.Duration;

    /// <summary>
    /// Succeeded, Incomplete (see <see cref="Problems"/>), WhatIf, or Stopped (Ctrl+C, SIGTERM: only tables that
    /// finished moved their watermarks); with -Interval also Failed (an error before the run had a result) and
    /// Skipped (another run held the lock).
    /// </summary>
    public string Status => _result?.Status.ToString() ?? _outcome.Status.ToString();

    /// <summary>True when any watermark moved to End.</summary>
    public bool CheckpointAdvanced => _result?.CheckpointAdvanced ?? false;

    /// <summary>What happened to the watermarks and why.</summary>
    public string CheckpointNote => _result is null ? "No watermark moved: the run ended before it synced anything." : ParameterNames.DescribeCheckpointNote(_result);

    /// <summary>One result per table and direction.</summary>
    public TableResult[] Tables { get; }

    /// <summary>How many entries failed.</summary>
    public long FailedEntries => _result?.FailureCount ?? 0;

    /// <summary>The failed entries (table, id, tmstmp, direction, reason), up to the first 10,000.</summary>
    public EntryFailure[] Failures { get; }

    /// <summary>Why the run is incomplete: one sentence per cause, with what to do. Empty when it succeeded.</summary>
    public string[] Problems { get; }

    /// <summary>What the run warned of, distinct, at most 100: server warnings (tombstones, batch sizes), a stale lock taken over, differences found by -Verify.</summary>
    public string[] Warnings { get; internal set; } = Array.Empty<string>();

    /// <summary>With -Verify: the compare of the run's range after it synced, one summary per table; null without -Verify.</summary>
    public ComparisonSummary[]? Verification { get; }

    /// <summary>With -Verify: how many ids differed after the run (each was a warning); null without -Verify.</summary>
    public long? VerifiedDifferences => _result?.Verification?.Differences;

    /// <summary>With -Interval: when the next run starts (UTC); null for a single run or the last run of a loop.</summary>
    public DateTime? NextRunAt => _outcome.NextRunAt;

    /// <summary>The table selection (patterns, and exclusions).</summary>
    public string SelectedTables => _outcome.Request.Tables.ToString();

    /// <summary>Entries read, all tables.</summary>
    public long Read => _result?.Read ?? 0;

    /// <summary>Entries written, all tables.</summary>
    public long Written => _result?.Written ?? 0;

    /// <summary>Entries that would be written, all tables (-WhatIf).</summary>
    public long WouldWrite => _result?.WouldWrite ?? 0;

    /// <summary>Entries not newer than the target's, all tables.</summary>
    public long SkippedNotNewer => _result?.SkippedNotNewer ?? 0;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}";
}
