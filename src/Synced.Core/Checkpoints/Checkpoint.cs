using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Core.Checkpoints;

/// <summary>
/// The persisted state of one configuration: one watermark per table and direction ("everything of this
/// table, this way, before the watermark is synced"), baselines for tables that have none yet, when it was
/// written, and a summary of the last run. Never holds credentials.
/// </summary>
public sealed class Checkpoint
{
    private static readonly IReadOnlyDictionary<WatermarkKey, DateTime> NoWatermarks = new Dictionary<WatermarkKey, DateTime>();

    /// <summary>Creates a checkpoint.</summary>
    public Checkpoint(SyncConfiguration configuration, IReadOnlyDictionary<WatermarkKey, DateTime>? watermarks,
        IReadOnlyList<WatermarkBaseline>? baselines, DateTime updatedAt, RunSummary? lastRun, string? path = null)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        Watermarks = watermarks is null ? NoWatermarks : watermarks.ToDictionary(p => p.Key, p => p.Value);
        Baselines = baselines?.ToArray() ?? Array.Empty<WatermarkBaseline>();
        UpdatedAt = updatedAt;
        LastRun = lastRun;
        Path = path;
    }

    /// <summary>
    /// A checkpoint that says everything before <paramref name="end"/> is synced for every table and direction
    /// the next run finds (a baseline: see <see cref="WatermarkBaseline"/>).
    /// </summary>
    public static Checkpoint ForAllTables(SyncConfiguration configuration, DateTime end, DateTime updatedAt, RunSummary? lastRun = null)
        => new(configuration, null, new[] { new WatermarkBaseline(end, Model.TableSelection.All, Model.SyncDirection.Both) }, updatedAt, lastRun);

    /// <summary>The configuration this checkpoint belongs to.</summary>
    public SyncConfiguration Configuration { get; }

    /// <summary>One watermark (UTC, microsecond precision) per table and direction.</summary>
    public IReadOnlyDictionary<WatermarkKey, DateTime> Watermarks { get; }

    /// <summary>Watermarks for tables that have none of their own yet (see <see cref="WatermarkBaseline"/>).</summary>
    public IReadOnlyList<WatermarkBaseline> Baselines { get; }

    /// <summary>The oldest watermark or baseline: everything of every table the checkpoint knows is synced before it. Null when it holds none.</summary>
    public DateTime? End
    {
        get
        {
            DateTime? oldest = null;
            foreach (var end in Watermarks.Values.Concat(Baselines.Select(b => b.End)))
                if (oldest is null || end < oldest) oldest = end;
            return oldest;
        }
    }

    /// <summary>When the checkpoint was last written, UTC.</summary>
    public DateTime UpdatedAt { get; }

    /// <summary>The last run of the configuration, if any run wrote this checkpoint.</summary>
    public RunSummary? LastRun { get; }

    /// <summary>The file it was read from or written to.</summary>
    public string? Path { get; }

    /// <summary>The name it is shown and addressed by.</summary>
    public string Name => Configuration.DisplayName;

    /// <summary>
    /// The watermark of <paramref name="key"/>: its own, else the oldest baseline that covers it, else null
    /// (the table starts at the beginning).
    /// </summary>
    public DateTime? WatermarkFor(WatermarkKey key)
    {
        if (Watermarks.TryGetValue(key, out var own)) return own;
        DateTime? fromBaseline = null;
        foreach (var baseline in Baselines)
            if (baseline.Covers(key) && (fromBaseline is null || baseline.End < fromBaseline)) fromBaseline = baseline.End;
        return fromBaseline;
    }

    /// <summary>
    /// Gives every key of <paramref name="known"/> that has no watermark of its own but a covering baseline
    /// that baseline's end as its own watermark, and drops the baselines.
    /// </summary>
    public Checkpoint WithBaselinesApplied(IEnumerable<WatermarkKey> known)
    {
        if (Baselines.Count == 0) return this;
        var watermarks = Watermarks.ToDictionary(p => p.Key, p => p.Value);
        foreach (var key in known)
        {
            if (watermarks.ContainsKey(key)) continue;
            if (WatermarkFor(key) is { } end) watermarks[key] = end;
        }
        return new Checkpoint(Configuration, watermarks, null, UpdatedAt, LastRun, Path);
    }

    /// <summary>A copy with other watermarks, baselines, time and last run.</summary>
    public Checkpoint With(IReadOnlyDictionary<WatermarkKey, DateTime> watermarks, IReadOnlyList<WatermarkBaseline>? baselines, DateTime updatedAt, RunSummary? lastRun)
        => new(Configuration, watermarks, baselines, updatedAt, lastRun, Path);

    /// <summary>A copy that remembers the file it lives in.</summary>
    internal Checkpoint At(string path) => new(Configuration, Watermarks, Baselines, UpdatedAt, LastRun, path);
}
