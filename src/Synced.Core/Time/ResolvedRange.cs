namespace Synced.Core.Time;

/// <summary>A run's range and how its begin was chosen.</summary>
public sealed class ResolvedRange
{
    /// <summary>Creates the result of a resolution.</summary>
    public ResolvedRange(TimeRange range, RangeSource beginSource)
    {
        Range = range;
        BeginSource = beginSource;
    }

    /// <summary>The range [Begin, End).</summary>
    public TimeRange Range { get; }

    /// <summary>Where the begin came from.</summary>
    public RangeSource BeginSource { get; }
}
