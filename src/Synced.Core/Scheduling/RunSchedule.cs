using System;

namespace Synced.Core.Scheduling;

/// <summary>
/// When the continuous loop runs: on a grid of ticks one interval apart from the first run's start, never two
/// runs at once (the next starts at the first tick after the previous one ended; ticks missed while it ran are
/// skipped), and after failed runs an exponential backoff: after n failed runs in a row the next one waits
/// Interval × 2^(n−1) after the failed one ended, at most <see cref="MaxBackoff"/>.
/// </summary>
public sealed class RunSchedule
{
    /// <summary>The default longest wait after failed runs: 10 minutes.</summary>
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromMinutes(10);

    /// <summary>Creates a schedule.</summary>
    /// <param name="interval">Time between the starts of two runs; more than zero.</param>
    /// <param name="maxBackoff">The longest wait after failed runs; the interval when shorter than it. Null for <see cref="DefaultMaxBackoff"/>.</param>
    public RunSchedule(TimeSpan interval, TimeSpan? maxBackoff = null)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "the interval must be more than zero");
        var cap = maxBackoff ?? DefaultMaxBackoff;
        if (cap < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxBackoff), cap, "the longest backoff cannot be negative");
        Interval = interval;
        MaxBackoff = cap < interval ? interval : cap;
    }

    /// <summary>Time between the starts of two runs.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The longest wait after failed runs (never less than the interval).</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>The wait after <paramref name="failuresInARow"/> failed runs in a row (zero when none failed).</summary>
    public TimeSpan Backoff(int failuresInARow)
    {
        if (failuresInARow <= 0) return TimeSpan.Zero;
        // Doubling from the interval; the exponent is bounded so the product never overflows.
        var factor = Math.Pow(2, Math.Min(failuresInARow - 1, 40));
        var ticks = Interval.Ticks * factor;
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The first tick (first start + k × interval) after <paramref name="previousStart"/> and not before
    /// <paramref name="previousEnd"/>.
    /// </summary>
    public DateTime NextTick(DateTime firstStart, DateTime previousStart, DateTime previousEnd)
    {
        var from = previousEnd > previousStart ? previousEnd : previousStart;
        var elapsed = (from - firstStart).Ticks;
        var k = elapsed <= 0 ? 0 : elapsed / Interval.Ticks;
        var tick = firstStart + TimeSpan.FromTicks(k * Interval.Ticks);
        while (tick < from || tick <= previousStart) tick += Interval;
        return tick;
    }

    /// <summary>When the run after one that started at <paramref name="previousStart"/> and ended at <paramref name="previousEnd"/> starts.</summary>
    /// <param name="firstStart">The first run's start: the grid's origin.</param>
    /// <param name="previousStart">When the previous run was due (its tick, or its backoff time).</param>
    /// <param name="previousEnd">When it ended.</param>
    /// <param name="failuresInARow">Failed runs in a row, the previous one included (0 after a success).</param>
    public DateTime NextStart(DateTime firstStart, DateTime previousStart, DateTime previousEnd, int failuresInARow)
    {
        if (failuresInARow > 0) return previousEnd + Backoff(failuresInARow);
        return NextTick(firstStart, previousStart, previousEnd);
    }
}
