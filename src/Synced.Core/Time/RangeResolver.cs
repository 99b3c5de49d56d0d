using System;

namespace Synced.Core.Time;

/// <summary>
/// Decides a run's ranges: the end is the given one, else the moment the run started (captured once by the
/// caller); each table and direction begins at the given begin, else at its watermark minus the overlap window,
/// else at the epoch.
/// </summary>
public static class RangeResolver
{
    /// <summary>
    /// The default re-scan window before a watermark. Entries become visible to a scan later than their tmstmp
    /// says: Elasticsearch's refresh interval (1 s by default, often raised to 30 s or more for bulk loads),
    /// ingest pipelines and bulk loaders, replica lag, and writers whose clocks run behind this host's. Two
    /// minutes covers those with room; later arrivals are what Compare-SyncedData finds.
    /// </summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(2);

    /// <summary>How far in the future an explicit end may lie (clock skew between hosts).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    /// <summary>The end of a run: <paramref name="end"/> when given, else <paramref name="now"/>.</summary>
    /// <param name="end">The given end, or null.</param>
    /// <param name="overlap">The overlap window (checked here: zero or more).</param>
    /// <param name="now">The moment the run started, UTC.</param>
    /// <exception cref="InvalidTimeRangeException">The overlap is negative, or the end lies in the future or at the epoch.</exception>
    public static DateTime ResolveEnd(DateTime? end, TimeSpan overlap, DateTime now)
    {
        if (overlap < TimeSpan.Zero)
            throw new InvalidTimeRangeException("Overlap", overlap.ToString(), "the overlap window cannot be negative");
        if (end is not { } given) return UtcTime.Normalize(now);
        var resolved = UtcTime.Normalize(given);
        EnsureNotFuture(resolved, now, "End");
        if (resolved <= UtcTime.Epoch)
            throw new InvalidTimeRangeException("End", UtcTime.Format(resolved), "the range is empty: the end must be after 1970-01-01T00:00:00Z");
        return resolved;
    }

    /// <summary>The given begin of every table's range, or null when none was given.</summary>
    /// <exception cref="InvalidTimeRangeException">The begin is not before the end.</exception>
    public static DateTime? ResolveBegin(DateTime? begin, DateTime end)
    {
        if (begin is not { } given) return null;
        var resolved = UtcTime.Normalize(given);
        if (resolved >= end)
            throw new InvalidTimeRangeException("Begin", UtcTime.Format(resolved), $"the range is empty: the begin must be before the end {UtcTime.Format(end)}");
        return resolved;
    }

    /// <summary>
    /// The range of one table and direction: from the given begin, else its watermark minus the overlap (never
    /// before the epoch), else the epoch, to <paramref name="end"/>. Null when that leaves nothing (its watermark
    /// is at or after the end).
    /// </summary>
    public static TimeRange? RangeFor(DateTime? begin, DateTime? watermark, TimeSpan overlap, DateTime end)
    {
        DateTime from;
        if (begin is { } given) from = given;
        else if (watermark is { } mark) from = mark.Ticks - UtcTime.Epoch.Ticks < overlap.Ticks ? UtcTime.Epoch : mark - overlap;
        else from = UtcTime.Epoch;
        return from < end ? new TimeRange(from, end) : null;
    }

    /// <summary>Refuses a time further in the future than <see cref="FutureTolerance"/>: entries written before it would never be synced.</summary>
    public static void EnsureNotFuture(DateTime value, DateTime now, string parameterName)
    {
        if (UtcTime.Normalize(value) > UtcTime.Normalize(now) + FutureTolerance)
            throw new InvalidTimeRangeException(parameterName, UtcTime.Format(value),
                $"it lies in the future (now is {UtcTime.Format(now)}); entries written before it would never be synced, so give a time up to now");
    }
}
