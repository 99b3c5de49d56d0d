using System;
using System.Globalization;

namespace Synced.Core.Time;

/// <summary>
/// Turns every accepted form of a time into a UTC <see cref="DateTime"/>: <see cref="DateTime"/> (Local is
/// converted, Unspecified is taken as UTC), <see cref="DateTimeOffset"/>, ISO 8601 strings, and unix epoch
/// seconds as integers or digit strings (the original CLI's <c>-b 1420070400</c>). Every cmdlet goes through
/// here, so they all accept the same forms. What Synced does with the UTC time then is <see cref="UtcTime"/>'s.
/// </summary>
public static class TimeInput
{
    // Epoch seconds beyond DateTime's range (year 9999) are rejected rather than wrapped.
    private const long MaxEpochSeconds = 253402300799;
    private const long MinEpochSeconds = -62135596800;

    /// <summary>Converts <paramref name="value"/> to UTC.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="parameterName">The parameter it came from, for the error message.</param>
    /// <exception cref="InvalidTimeRangeException">The value is of no accepted form.</exception>
    public static DateTime ToUtc(object? value, string parameterName)
    {
        switch (value)
        {
            case null:
                throw new InvalidTimeRangeException(parameterName, "(null)", "a time is required");
            case DateTime dateTime:
                return UtcTime.Normalize(dateTime);
            case DateTimeOffset offset:
                return offset.UtcDateTime;
            case string text:
                return Parse(text, parameterName);
            case sbyte or byte or short or ushort or int or uint or long:
                return FromEpochSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture), parameterName, value);
            case ulong unsigned:
                if (unsigned > long.MaxValue) throw OutOfRange(parameterName, value);
                return FromEpochSeconds((long)unsigned, parameterName, value);
            case double or float or decimal:
                return FromFractionalEpochSeconds(Convert.ToDecimal(value, CultureInfo.InvariantCulture), parameterName, value);
            default:
                throw new InvalidTimeRangeException(parameterName, Describe(value),
                    $"a value of type {value.GetType().Name} is not a time; give a [datetime], a [datetimeoffset], an ISO 8601 string such as 2015-01-01T00:00:00Z, or unix epoch seconds such as 1420070400");
        }
    }

    private static DateTime Parse(string text, string parameterName)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new InvalidTimeRangeException(parameterName, "''", "an empty string is not a time");

        if (IsEpochNumber(trimmed))
        {
            if (trimmed.IndexOf('.') >= 0)
            {
                if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fractional))
                    return FromFractionalEpochSeconds(fractional, parameterName, text);
            }
            else if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                return FromEpochSeconds(seconds, parameterName, text);
            }
            throw OutOfRange(parameterName, text);
        }

        // ISO 8601: an offset or Z is honoured; none means UTC (never the machine's zone, so cron and an
        // interactive session agree).
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && LooksLikeIso8601(trimmed))
            return parsed.UtcDateTime;

        throw new InvalidTimeRangeException(parameterName, $"'{text}'",
            "it is not a time; give an ISO 8601 time such as 2015-01-01T00:00:00Z or unix epoch seconds such as 1420070400");
    }

    private static bool IsEpochNumber(string text)
    {
        var start = text[0] == '-' || text[0] == '+' ? 1 : 0;
        if (start == text.Length) return false;
        var dots = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.') { if (++dots > 1) return false; continue; }
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    // DateTimeOffset.TryParse accepts culture forms like "1/2/2015"; a scheduled task must not depend on
    // such guesses, so only year-first forms pass.
    private static bool LooksLikeIso8601(string text)
        => text.Length >= 10 && char.IsDigit(text[0]) && char.IsDigit(text[1]) && char.IsDigit(text[2])
           && char.IsDigit(text[3]) && text[4] == '-' && char.IsDigit(text[5]) && char.IsDigit(text[6]) && text[7] == '-';

    private static DateTime FromEpochSeconds(long seconds, string parameterName, object original)
    {
        if (seconds < MinEpochSeconds || seconds > MaxEpochSeconds) throw OutOfRange(parameterName, original);
        return UtcTime.Epoch.AddTicks(seconds * TimeSpan.TicksPerSecond);
    }

    private static DateTime FromFractionalEpochSeconds(decimal seconds, string parameterName, object original)
    {
        if (seconds < MinEpochSeconds || seconds > MaxEpochSeconds) throw OutOfRange(parameterName, original);
        return UtcTime.Epoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond, 0, MidpointRounding.ToEven));
    }

    private static InvalidTimeRangeException OutOfRange(string parameterName, object value)
        => new(parameterName, Describe(value), "as unix epoch seconds it lies outside the years 0001 to 9999");

    private static string Describe(object value) => value is string s ? $"'{s}'" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name;
}
