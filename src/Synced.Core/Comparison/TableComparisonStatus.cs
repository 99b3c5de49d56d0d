namespace Synced.Core.Comparison;

/// <summary>What became of one table in a comparison.</summary>
public enum TableComparisonStatus
{
    /// <summary>Every id of both sides was compared (unreadable entries aside, which are counted).</summary>
    Compared,

    /// <summary>Not compared: it does not meet the data contract, or exists on one side only.</summary>
    Skipped,

    /// <summary>Reading a side failed; the differences reported for it may be incomplete.</summary>
    Failed,

    /// <summary>Stopped by cancellation.</summary>
    Cancelled,
}
