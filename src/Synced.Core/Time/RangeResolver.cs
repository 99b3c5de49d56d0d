using System;

namespace Synced.Core.Time;

/// <summary>
/// Decides a run's range: begin = -Begin, else the checkpoint minus the overlap window, else the epoch;
/// end = -End, else the moment the run started (captured once by the caller).
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

    /// <summary>Resolves the range of a run.</summary>
    /// <param name="begin">-Begin, UTC, or null.</param>
    /// <param name="end">-End, UTC, or null.</param>
    /// <param name="overlap">-Overlap; zero or more.</param>
    /// <param name="checkpointEnd">The configuration's checkpoint, or null when it has none.</param>
    /// <param name="now">The moment the run started, UTC.</param>
    /// <exception cref="InvalidTimeRangeException">The range is empty, reversed, or ends in the future.</exception>
    public static ResolvedRange Resolve(DateTime? begin, DateTime? end, TimeSpan overlap, DateTime? checkpointEnd, DateTime now)
    {
        if (overlap < TimeSpan.Zero)
            throw new InvalidTimeRangeException("Overlap", overlap.ToString(), "the overlap window cannot be negative");
        now = UtcTime.Normalize(now);

        DateTime resolvedEnd;
        if (end is { } explicitEnd)
        {
            resolvedEnd = UtcTime.Normalize(explicitEnd);
            EnsureNotFuture(resolvedEnd, now, "End");
        }
        else
        {
            resolvedEnd = now;
        }

        DateTime resolvedBegin;
        RangeSource source;
        if (begin is { } explicitBegin)
        {
            resolvedBegin = UtcTime.Normalize(explicitBegin);
            source = RangeSource.Explicit;
        }
        else if (checkpointEnd is { } checkpoint)
        {
            var cp = UtcTime.Normalize(checkpoint);
            resolvedBegin = cp.Ticks - UtcTime.Epoch.Ticks < overlap.Ticks ? UtcTime.Epoch : cp - overlap;
            source = RangeSource.Checkpoint;
        }
        else
        {
            resolvedBegin = UtcTime.Epoch;
            source = RangeSource.Epoch;
        }

        if (resolvedBegin >= resolvedEnd)
        {
            var what = source switch
            {
                RangeSource.Explicit => $"-Begin must be before the end {UtcTime.Format(resolvedEnd)}",
                RangeSource.Checkpoint => $"the begin taken from the checkpoint ({UtcTime.Format(resolvedBegin)}) is not before the end {UtcTime.Format(resolvedEnd)}; give an -End after it or move the checkpoint with Set-SyncedCheckpoint",
                _ => $"the end must be after {UtcTime.Format(resolvedBegin)}",
            };
            var parameter = source == RangeSource.Explicit ? "Begin" : "End";
            var value = source == RangeSource.Explicit ? UtcTime.Format(resolvedBegin) : UtcTime.Format(resolvedEnd);
            throw new InvalidTimeRangeException(parameter, value, "the range is empty: " + what);
        }

        return new ResolvedRange(new TimeRange(resolvedBegin, resolvedEnd), source);
    }

    /// <summary>Refuses a time further in the future than <see cref="FutureTolerance"/>: entries written before it would never be synced.</summary>
    public static void EnsureNotFuture(DateTime value, DateTime now, string parameterName)
    {
        if (UtcTime.Normalize(value) > UtcTime.Normalize(now) + FutureTolerance)
            throw new InvalidTimeRangeException(parameterName, UtcTime.Format(value),
                $"it lies in the future (now is {UtcTime.Format(now)}); entries written before it would never be synced, so give a time up to now");
    }
}
