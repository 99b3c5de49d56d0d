using System;
using System.Buffers;
using System.Globalization;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// ES date math: an anchor (<c>now</c> or a date followed by <c>||</c>), then <c>+1d</c>/<c>-2h</c> steps and
/// <c>/d</c> rounding (rounding up for gt/lte bounds, as ES does).
/// </summary>
internal static class DateMath
{
    private static readonly SearchValues<char> ZoneStart = SearchValues.Create("Z+-");

    public static bool TryParse(string text, DateFormat format, bool roundUp, Func<long> now, out long millis)
    {
        millis = 0;
        string math;
        DateTime anchor;
        if (text.StartsWith("now", StringComparison.Ordinal))
        {
            anchor = DateTimeOffset.FromUnixTimeMilliseconds(now()).UtcDateTime;
            math = text.Substring(3);
        }
        else
        {
            var sep = text.IndexOf("||", StringComparison.Ordinal);
            var datePart = sep < 0 ? text : text.Substring(0, sep);
            if (!format.TryParse(datePart, out var anchorMillis)) return false;
            if (sep < 0)
            {
                millis = anchorMillis;
                if (roundUp) millis = RoundUpPartialDate(datePart, anchorMillis);
                return true;
            }
            anchor = DateTimeOffset.FromUnixTimeMilliseconds(anchorMillis).UtcDateTime;
            math = text.Substring(sep + 2);
        }

        var i = 0;
        while (i < math.Length)
        {
            var op = math[i++];
            if (op == '/')
            {
                if (i >= math.Length) return false;
                var unit = math[i++];
                var floor = Floor(anchor, unit);
                if (floor is null) return false;
                anchor = roundUp ? Add(floor.Value, unit, 1).AddTicks(-TimeSpan.TicksPerMillisecond) : floor.Value;
                continue;
            }
            if (op != '+' && op != '-') return false;
            var start = i;
            while (i < math.Length && char.IsAsciiDigit(math[i])) i++;
            var amount = i > start ? int.Parse(math.AsSpan(start, i - start), CultureInfo.InvariantCulture) : 1;
            if (i >= math.Length) return false;
            var u = math[i++];
            anchor = Add(anchor, u, op == '-' ? -amount : amount);
        }
        millis = new DateTimeOffset(anchor, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return true;
    }

    /// <summary>
    /// With lte/gt, ES parses with missing time fields filled with their maximum: "2024-01-01" is the end of
    /// that day, "…T10:00:00" the end of that second.
    /// </summary>
    private static long RoundUpPartialDate(string text, long millis)
    {
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]) || long.TryParse(text, out _)) return millis;
        var t = text.IndexOf('T');
        char unit;
        if (t < 0)
        {
            // Missing month and day default to 1 even when rounding up; only the time of day goes to its maximum.
            unit = 'd';
        }
        else
        {
            var time = text.Substring(t + 1);
            var zone = time.AsSpan().IndexOfAny(ZoneStart);
            if (zone >= 0) time = time.Substring(0, zone);
            if (time.Contains('.') || time.Contains(',')) return millis;
            unit = time.Split(':').Length switch { 1 => 'h', 2 => 'm', _ => 's' };
        }
        var start = DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime;
        return new DateTimeOffset(Add(start, unit, 1), TimeSpan.Zero).ToUnixTimeMilliseconds() - 1;
    }

    private static DateTime Add(DateTime t, char unit, int amount) => unit switch
    {
        'y' => t.AddYears(amount),
        'M' => t.AddMonths(amount),
        'w' => t.AddDays(7 * amount),
        'd' => t.AddDays(amount),
        'h' or 'H' => t.AddHours(amount),
        'm' => t.AddMinutes(amount),
        's' => t.AddSeconds(amount),
        _ => throw Errors.Parsing($"unit [{unit}] not supported for date math"),
    };

    private static DateTime? Floor(DateTime t, char unit) => unit switch
    {
        'y' => new DateTime(t.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        'M' => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        'w' => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
        'd' => t.Date,
        'h' or 'H' => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc),
        'm' => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc),
        's' => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc),
        _ => null,
    };
}
