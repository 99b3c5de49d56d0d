using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Core.Checkpoints;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Scheduling;

namespace Synced.Core.Metrics;

/// <summary>
/// The metrics of one configuration in the Prometheus text format: the last run (start, end, duration,
/// status), the last success, the failed-run streak, counters of runs and of entries read, written, not
/// newer and failed per table and direction, and each watermark with its lag (now minus the watermark).
/// Names follow Prometheus conventions: the <c>synced_</c> prefix, base units in the name, <c>_total</c> for
/// counters, tables and directions as labels. Thread-safe: runs record, scrapes render.
/// </summary>
public sealed class SyncMetrics
{
    /// <summary>The run statuses that have a <c>synced_last_run_status</c> series (WhatIf and Skipped runs are not recorded).</summary>
    public static readonly IReadOnlyList<RunOutcomeStatus> RecordedStatuses = new[]
    {
        RunOutcomeStatus.Succeeded, RunOutcomeStatus.Incomplete, RunOutcomeStatus.Stopped, RunOutcomeStatus.Failed,
    };

    private readonly object _gate = new();
    private readonly SyncConfiguration _configuration;
    private readonly Dictionary<RunOutcomeStatus, double> _runs = new();
    private readonly SortedDictionary<(string Table, SyncDirection Direction), EntryCounts> _entries = new(Comparer<(string Table, SyncDirection Direction)>.Create(
        (a, b) => string.CompareOrdinal(a.Table, b.Table) is var byTable and not 0 ? byTable : a.Direction.CompareTo(b.Direction)));
    private RunOutcome? _last;

    /// <summary>Creates the metrics of <paramref name="configuration"/>, all counters at zero.</summary>
    public SyncMetrics(SyncConfiguration configuration) => _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));

    /// <summary>True once a run was recorded.</summary>
    public bool HasRun
    {
        get
        {
            lock (_gate) return _last is not null;
        }
    }

    /// <summary>
    /// Continues the counters of this configuration from a text this class rendered before (the last metrics
    /// file of an earlier process), so they only ever grow. Samples of other configurations are ignored.
    /// </summary>
    public void ContinueFrom(string previous)
    {
        if (previous is null) throw new ArgumentNullException(nameof(previous));
        var name = _configuration.DisplayName;
        lock (_gate)
        {
            foreach (var sample in PrometheusSamples.Parse(previous))
            {
                if (!sample.Labels.TryGetValue("configuration", out var configuration) || configuration != name) continue;
                if (double.IsNaN(sample.Value) || sample.Value < 0) continue;
                if (sample.Name == "synced_runs_total")
                {
                    if (sample.Labels.TryGetValue("status", out var text) && Enum.TryParse<RunOutcomeStatus>(text, out var status)) _runs[status] = sample.Value;
                    continue;
                }
                if (!sample.Labels.TryGetValue("table", out var table) || !sample.Labels.TryGetValue("direction", out var directionText)
                    || !Enum.TryParse<SyncDirection>(directionText, out var direction) || direction == SyncDirection.Both) continue;
                var counts = CountsOf(table, direction);
                switch (sample.Name)
                {
                    case "synced_entries_read_total": counts.Read = sample.Value; break;
                    case "synced_entries_written_total": counts.Written = sample.Value; break;
                    case "synced_entries_not_newer_total": counts.NotNewer = sample.Value; break;
                    case "synced_entries_failed_total": counts.Failed = sample.Value; break;
                }
            }
        }
    }

    /// <summary>Records a run; WhatIf and Skipped runs change nothing (a preview is not a run; the lock holder records its own).</summary>
    /// <returns>True when the run was recorded.</returns>
    public bool Record(RunOutcome outcome)
    {
        if (outcome is null) throw new ArgumentNullException(nameof(outcome));
        if (!RecordedStatuses.Contains(outcome.Status)) return false;
        lock (_gate)
        {
            _runs[outcome.Status] = (_runs.TryGetValue(outcome.Status, out var runs) ? runs : 0) + 1;
            foreach (var table in outcome.Result?.Tables ?? Array.Empty<TableResult>())
            {
                if (table.Status == TableStatus.Ignored) continue;
                var counts = CountsOf(table.Table, table.Direction);
                counts.Read += table.Read;
                counts.Written += table.Written;
                counts.NotNewer += table.SkippedNotNewer;
                counts.Failed += table.Failed;
            }
            _last = outcome;
            return true;
        }
    }

    /// <summary>The exposition text as of <paramref name="now"/> (UTC), which the watermark lags are measured from.</summary>
    public string Render(DateTime now)
    {
        lock (_gate)
        {
            var text = new PrometheusText();
            var configuration = new List<KeyValuePair<string, string>>
            {
                new("configuration", _configuration.DisplayName),
                new("keyspace", _configuration.Keyspace),
                new("index", _configuration.Index),
            };
            if (_last is { } last)
            {
                Gauge(text, "synced_last_run_start_timestamp_seconds", "When the last run started, in seconds since the Unix epoch.", configuration, PrometheusText.UnixSeconds(last.StartedAt));
                Gauge(text, "synced_last_run_end_timestamp_seconds", "When the last run ended, in seconds since the Unix epoch.", configuration, PrometheusText.UnixSeconds(last.EndedAt));
                Gauge(text, "synced_last_run_duration_seconds", "How long the last run took.", configuration, last.Duration.TotalSeconds);
                text.Family("synced_last_run_status", "gauge", "How the last run ended: 1 for its status, 0 for the others.");
                foreach (var status in RecordedStatuses)
                    text.Sample("synced_last_run_status", With(configuration, "status", status.ToString()), status == last.Status ? 1 : 0);
                Gauge(text, "synced_last_success_timestamp_seconds", "When the last run that succeeded started, in seconds since the Unix epoch; 0 when none has.",
                    configuration, last.LastSuccessAt is { } success ? PrometheusText.UnixSeconds(success) : 0);
                Gauge(text, "synced_consecutive_failed_runs", "Runs in a row, the last one included, that did not succeed (incomplete, failed or stopped); 0 after a success.",
                    configuration, last.ConsecutiveFailures);
            }

            text.Family("synced_runs_total", "counter", "Runs by how they ended.");
            foreach (var status in RecordedStatuses)
                text.Sample("synced_runs_total", With(configuration, "status", status.ToString()), _runs.TryGetValue(status, out var runs) ? runs : 0);

            Counter(text, "synced_entries_read_total", "Entries read from the source, per table and direction.", configuration, c => c.Read);
            Counter(text, "synced_entries_written_total", "Entries written to the target, per table and direction.", configuration, c => c.Written);
            Counter(text, "synced_entries_not_newer_total", "Entries the target already held in the same or a newer version, per table and direction.", configuration, c => c.NotNewer);
            Counter(text, "synced_entries_failed_total", "Entries that could not be synced, per table and direction.", configuration, c => c.Failed);

            var watermarks = _last?.Watermarks.OrderBy(p => p.Key.Table, StringComparer.Ordinal).ThenBy(p => p.Key.Direction).ToList();
            if (watermarks is { Count: > 0 })
            {
                text.Family("synced_watermark_timestamp_seconds", "gauge", "Everything of the table, this direction, that changed before this time is synced (seconds since the Unix epoch).");
                foreach (var pair in watermarks)
                    text.Sample("synced_watermark_timestamp_seconds", TableLabels(configuration, pair.Key), PrometheusText.UnixSeconds(pair.Value));
                text.Family("synced_watermark_lag_seconds", "gauge", "How far the watermark is behind the time these metrics were made.");
                foreach (var pair in watermarks)
                    text.Sample("synced_watermark_lag_seconds", TableLabels(configuration, pair.Key), Math.Max(0, (now.ToUniversalTime() - pair.Value).TotalSeconds));
            }
            return text.ToString();
        }
    }

    private EntryCounts CountsOf(string table, SyncDirection direction)
    {
        var key = (table.ToLowerInvariant(), direction);
        if (!_entries.TryGetValue(key, out var counts)) _entries[key] = counts = new EntryCounts();
        return counts;
    }

    private void Counter(PrometheusText text, string name, string help, List<KeyValuePair<string, string>> configuration, Func<EntryCounts, double> value)
    {
        text.Family(name, "counter", help);
        foreach (var pair in _entries)
            text.Sample(name, With(With(configuration, "table", pair.Key.Table), "direction", pair.Key.Direction.ToString()), value(pair.Value));
    }

    private static void Gauge(PrometheusText text, string name, string help, List<KeyValuePair<string, string>> labels, double value)
    {
        text.Family(name, "gauge", help);
        text.Sample(name, labels, value);
    }

    private static List<KeyValuePair<string, string>> TableLabels(List<KeyValuePair<string, string>> configuration, WatermarkKey key)
        => With(With(configuration, "table", key.Table), "direction", key.Direction.ToString());

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> labels, string key, string value)
        => new(labels) { new(key, value) };

    private sealed class EntryCounts
    {
        public double Read;
        public double Written;
        public double NotNewer;
        public double Failed;
    }
}
