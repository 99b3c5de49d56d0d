using System;
using System.Globalization;

namespace Synced.Emulators.Elasticsearch;

/// <summary>ES time values: a number with a unit (d, h, m, s, ms, micros, nanos).</summary>
internal static class TimeValue
{
    public static TimeSpan? TryParse(string value)
    {
        value = value.Trim();
        string[] units = { "nanos", "micros", "ms", "s", "m", "h", "d" };
        foreach (var unit in units)
        {
            if (!value.EndsWith(unit, StringComparison.Ordinal)) continue;
            var number = value.Substring(0, value.Length - unit.Length);
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) continue;
            return unit switch
            {
                "nanos" => TimeSpan.FromTicks((long)(n / 100)),
                "micros" => TimeSpan.FromTicks((long)(n * 10)),
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        return null;
    }

    public static TimeSpan Parse(string name, string value) =>
        TryParse(value) ?? throw Errors.IllegalArgument($"failed to parse setting [{name}] with value [{value}] as a time value: unit is missing or unrecognized");
}
