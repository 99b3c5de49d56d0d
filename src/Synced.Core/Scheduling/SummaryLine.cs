using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Synced.Core.Engine;
using Synced.Core.Time;

namespace Synced.Core.Scheduling;

/// <summary>
/// The one line a run leaves in a log: when it ended, the marker <c>Synced.Summary</c>, then
/// <c>key=value</c> pairs (logfmt: values with spaces are quoted) for the configuration, status, counts,
/// duration and watermark, so <c>grep Synced.Summary</c> gives one line per run and <c>grep status=Failed</c>
/// the bad ones.
/// </summary>
public static class SummaryLine
{
    /// <summary>The tag of the summary in the Information stream, and the marker in the line.</summary>
    public const string Tag = "Synced.Summary";

    /// <summary>Formats the summary line of <paramref name="outcome"/>.</summary>
    public static string Format(RunOutcome outcome)
    {
        if (outcome is null) throw new ArgumentNullException(nameof(outcome));
        var line = new StringBuilder();
        line.Append(outcome.EndedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(' ').Append(Tag);
        Add(line, "configuration", outcome.Configuration.DisplayName);
        Add(line, "status", outcome.Status.ToString());
        if (outcome.NextRunAt is not null || outcome.Number > 1) Add(line, "run", outcome.Number.ToString(CultureInfo.InvariantCulture));

        if (outcome.Result is { } result)
        {
            var tables = result.Tables;
            Add(line, "read", tables.Sum(t => t.Read));
            if (result.Status == RunStatus.WhatIf) Add(line, "would_write", tables.Sum(t => t.WouldWrite));
            else Add(line, "written", tables.Sum(t => t.Written));
            Add(line, "not_newer", tables.Sum(t => t.SkippedNotNewer));
            Add(line, "failed", result.FailureCount);
        }
        Add(line, "duration", outcome.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s");

        if (outcome.Result is { } taken)
        {
            var taking = taken.Tables.Where(t => t.Status != TableStatus.Ignored).ToList();
            Add(line, "watermark", outcome.Watermarks.Count == 0 ? "none" : UtcTime.Format(outcome.Watermarks.Values.Min()));
            Add(line, "advanced", string.Format(CultureInfo.InvariantCulture, "{0}/{1}", taking.Count(t => t.WatermarkAdvanced), taking.Count));
        }
        if (outcome.ConsecutiveFailures > 0 && outcome.Status is not RunOutcomeStatus.Succeeded)
            Add(line, "failed_runs_in_a_row", outcome.ConsecutiveFailures);
        if (outcome.NextRunAt is { } next) Add(line, "next_run", next.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (outcome.Result is { Problems.Count: > 0 } incomplete) Add(line, "problem", string.Join("; ", incomplete.Problems));
        if (outcome.Error is { } error) Add(line, "error", error.Message);
        return line.ToString();
    }

    private static void Add(StringBuilder line, string key, long value) => Add(line, key, value.ToString(CultureInfo.InvariantCulture));

    private static void Add(StringBuilder line, string key, string value)
    {
        line.Append(' ').Append(key).Append('=');
        // One line whatever the text holds: line breaks become spaces; quotes only where logfmt needs them.
        var flat = value.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        var needsQuotes = flat.Length == 0 || flat.Any(c => c == ' ' || c == '"' || c == '=' || c == '\\' || char.IsControl(c));
        if (!needsQuotes)
        {
            line.Append(flat);
            return;
        }
        line.Append('"');
        foreach (var c in flat)
        {
            if (c == '"' || c == '\\') line.Append('\\').Append(c);
            else if (char.IsControl(c)) line.Append(' ');
            else line.Append(c);
        }
        line.Append('"');
    }
}
