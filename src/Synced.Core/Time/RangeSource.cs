namespace Synced.Core.Time;

/// <summary>Where the begin of a run's range came from.</summary>
public enum RangeSource
{
    /// <summary>Given with -Begin.</summary>
    Explicit,

    /// <summary>The configuration's checkpoint minus the overlap window.</summary>
    Checkpoint,

    /// <summary>No checkpoint yet: 1970-01-01T00:00:00Z.</summary>
    Epoch,
}
