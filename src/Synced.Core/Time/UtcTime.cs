using System;
using System.Globalization;
using Synced.Core.Model;

namespace Synced.Core.Time;

/// <summary>
/// Synced's one home for UTC instants: the Unix epoch, a <see cref="DateTime"/>'s kind, whole milliseconds (what an
/// Elasticsearch date and a CQL timestamp keep) and microseconds (what a checkpoint keeps), comparison of tmstmps at a
/// precision, and the ISO 8601 text forms. The forms a user may give a time in are <see cref="TimeInput"/>'s; how
/// Elasticsearch reads date text is ElasticsearchDate's; timeuuids are EntryTime's.
/// </summary>
public static class UtcTime
{
    /// <summary>1970-01-01T00:00:00Z: the Unix epoch, and the begin of a first run.</summary>
    public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string IsoTicksFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string IsoMillisecondsFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly long MinUnixMilliseconds = -(Epoch.Ticks / TimeSpan.TicksPerMillisecond);
    private static readonly long MaxUnixMilliseconds = (DateTime.MaxValue.Ticks - Epoch.Ticks) / TimeSpan.TicksPerMillisecond;

    /// <summary>Kind Local converts to UTC; Unspecified is taken as UTC (never the machine's zone, so cron and an interactive session agree).</summary>
    public static DateTime Normalize(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>Cuts a time down to whole microseconds (the precision checkpoints keep).</summary>
    public static DateTime TruncateToMicroseconds(DateTime value)
        => new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);

    /// <summary>Cuts a time down to whole milliseconds (an Elasticsearch date, a CQL timestamp).</summary>
    public static DateTime TruncateToMilliseconds(DateTime value)
        => new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>Milliseconds since the epoch of a UTC time, rounded towards the past (floor), as Elasticsearch stores dates.</summary>
    public static long ToUnixMilliseconds(DateTime utc)
    {
        var ticks = utc.Ticks - Epoch.Ticks;
        var milliseconds = ticks / TimeSpan.TicksPerMillisecond;
        return ticks < 0 && ticks % TimeSpan.TicksPerMillisecond != 0 ? milliseconds - 1 : milliseconds;
    }

    /// <summary>The UTC time of milliseconds since the epoch; null outside the years 0001 to 9999.</summary>
    public static DateTime? FromUnixMilliseconds(long milliseconds)
        => milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds
            ? null
            : Epoch.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);

    /// <summary>
    /// True when <paramref name="candidate"/> is newer than <paramref name="stored"/> at the precision both sides hold
    /// (docs/design.md §3): at milliseconds the whole milliseconds decide; equal is not newer.
    /// </summary>
    public static bool IsNewer(DateTime candidate, DateTime stored, TimestampPrecision precision)
        => precision == TimestampPrecision.Milliseconds
            ? TruncateToMilliseconds(candidate) > TruncateToMilliseconds(stored)
            : candidate.Ticks > stored.Ticks;

    /// <summary>ISO 8601 in UTC with 100 ns digits and a Z: how Synced shows a time (messages, logs).</summary>
    public static string Format(DateTime value)
        => Normalize(value).ToString(IsoTicksFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// ISO 8601 in UTC with milliseconds and a Z (finer digits are dropped): the form of every date Synced writes to
    /// Elasticsearch and of a time written into a text column.
    /// </summary>
    public static string FormatMilliseconds(DateTime value)
        => Normalize(value).ToString(IsoMillisecondsFormat, CultureInfo.InvariantCulture);
}
