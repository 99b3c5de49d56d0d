using System;

namespace Synced.Core.Checkpoints;

/// <summary>
/// The persisted state of one configuration: up to where it has synced (<see cref="End"/>), when that was
/// written, and a summary of its last run. Never holds credentials.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>Creates a checkpoint.</summary>
    public Checkpoint(SyncConfiguration configuration, DateTime end, DateTime updatedAt, RunSummary? lastRun, string? path = null)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        End = end;
        UpdatedAt = updatedAt;
        LastRun = lastRun;
        Path = path;
    }

    /// <summary>The configuration this checkpoint belongs to.</summary>
    public SyncConfiguration Configuration { get; }

    /// <summary>Everything before this instant (UTC, microsecond precision) has been synced.</summary>
    public DateTime End { get; }

    /// <summary>When the checkpoint was last written, UTC.</summary>
    public DateTime UpdatedAt { get; }

    /// <summary>The last run of the configuration, if any run wrote this checkpoint.</summary>
    public RunSummary? LastRun { get; }

    /// <summary>The file it was read from or written to.</summary>
    public string? Path { get; }

    /// <summary>The name it is shown and addressed by.</summary>
    public string Name => Configuration.DisplayName;
}
