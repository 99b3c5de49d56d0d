using System;
using System.Linq;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Scheduling;

namespace Synced;

/// <summary>What one Invoke-SyncedRun did.</summary>
public sealed class RunResult
{
    internal RunResult(SyncRunResult result, DateTime? nextRunAt = null)
    {
        NextRunAt = nextRunAt;
        Name = result.Name;
        Keyspace = result.Keyspace;
        Index = result.Index;
        Begin = result.Begin;
        End = result.End;
        BeginSource = result.BeginSource.ToString();
        Direction = result.Direction.ToString();
        StartedAt = result.StartedAt;
        Duration = result.Duration;
        Status = result.Status.ToString();
        CheckpointAdvanced = result.CheckpointAdvanced;
        CheckpointNote = result.CheckpointNote;
        Tables = result.Tables.Select(t => new TableResult(t)).ToArray();
        FailedEntries = result.FailureCount;
        Failures = result.Failures.ToArray();
        Problems = result.Problems.ToArray();
        SelectedTables = result.Selection.ToString();
        if (result.Verification is { } verification)
        {
            Verification = verification.Tables.Select(t => new ComparisonSummary(t, result.Keyspace, result.Index, result.Begin, result.End)).ToArray();
            VerifiedDifferences = verification.Differences;
        }
    }

    /// <summary>
    /// A run of a continuous loop that ended before it had a result (a cluster unreachable, another run holding
    /// the lock, a stop while connecting): no range and no table, its error as the one problem.
    /// </summary>
    internal RunResult(RunOutcome outcome, SyncDirection direction, TableSelection selection, string problem)
    {
        Name = outcome.Configuration.DisplayName;
        Keyspace = outcome.Configuration.Keyspace;
        Index = outcome.Configuration.Index;
        Begin = outcome.StartedAt;
        End = outcome.StartedAt;
        BeginSource = NoRange;
        Direction = direction.ToString();
        StartedAt = outcome.StartedAt;
        Duration = outcome.Duration;
        Status = outcome.Status.ToString();
        CheckpointNote = "No watermark moved: the run ended before it synced anything.";
        Tables = Array.Empty<TableResult>();
        Failures = Array.Empty<EntryFailure>();
        Problems = new[] { problem };
        SelectedTables = selection.ToString();
        NextRunAt = outcome.NextRunAt;
    }

    /// <summary>The <see cref="BeginSource"/> of a run that ended before it had a range.</summary>
    public const string NoRange = "None";

    /// <summary>The configuration's checkpoint name.</summary>
    public string Name { get; }

    /// <summary>Cassandra keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>Elasticsearch index.</summary>
    public string Index { get; }

    /// <summary>Range begin (UTC), included.</summary>
    public DateTime Begin { get; }

    /// <summary>Range end (UTC), excluded.</summary>
    public DateTime End { get; }

    /// <summary>Where the begin came from: Explicit, Checkpoint or Epoch; None when the run ended before it had a range.</summary>
    public string BeginSource { get; }

    /// <summary>Both, CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    public string Direction { get; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedAt { get; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Succeeded, Incomplete (see <see cref="Problems"/>), WhatIf, or Stopped (Ctrl+C, SIGTERM: only tables that
    /// finished moved their watermarks); with -Interval also Failed (an error before the run had a result) and
    /// Skipped (another run held the lock).
    /// </summary>
    public string Status { get; }

    /// <summary>True when any watermark moved to End.</summary>
    public bool CheckpointAdvanced { get; }

    /// <summary>What happened to the watermarks and why.</summary>
    public string CheckpointNote { get; }

    /// <summary>One result per table and direction.</summary>
    public TableResult[] Tables { get; }

    /// <summary>How many entries failed.</summary>
    public long FailedEntries { get; }

    /// <summary>The failed entries (table, id, tmstmp, direction, reason), up to the first 10,000.</summary>
    public Core.Engine.EntryFailure[] Failures { get; }

    /// <summary>Why the run is incomplete: one sentence per cause, with what to do. Empty when it succeeded.</summary>
    public string[] Problems { get; }

    /// <summary>What the run warned of, distinct, at most 100: server warnings (tombstones, batch sizes), a stale lock taken over, differences found by -Verify.</summary>
    public string[] Warnings { get; internal set; } = System.Array.Empty<string>();

    /// <summary>With -Verify: the compare of the run's range after it synced, one summary per table; null without -Verify.</summary>
    public ComparisonSummary[]? Verification { get; }

    /// <summary>With -Verify: how many ids differed after the run (each was a warning); null without -Verify.</summary>
    public long? VerifiedDifferences { get; }

    /// <summary>With -Interval: when the next run starts (UTC); null for a single run or the last run of a loop.</summary>
    public DateTime? NextRunAt { get; }

    /// <summary>The table selection (patterns, and exclusions).</summary>
    public string SelectedTables { get; }

    /// <summary>Entries read, all tables.</summary>
    public long Read => Tables.Sum(t => t.Read);

    /// <summary>Entries written, all tables.</summary>
    public long Written => Tables.Sum(t => t.Written);

    /// <summary>Entries that would be written, all tables (-WhatIf).</summary>
    public long WouldWrite => Tables.Sum(t => t.WouldWrite);

    /// <summary>Entries not newer than the target's, all tables.</summary>
    public long SkippedNotNewer => Tables.Sum(t => t.SkippedNotNewer);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Status}";
}
