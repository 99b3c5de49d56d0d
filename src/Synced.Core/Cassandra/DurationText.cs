using System;
using System.Globalization;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Parses a CQL duration literal: Cassandra's unit form (<c>-1y2mo3w4d5h6m7s8ms9us10ns</c>, units in any case,
/// <c>µs</c> for <c>us</c>) and the ISO 8601 forms <c>P1Y2M3DT4H5M6S</c> and <c>P2W</c>.
/// </summary>
internal static class DurationText
{
    private const long NanosPerMicrosecond = 1_000;
    private const long NanosPerMillisecond = 1_000_000;
    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerMinute = 60 * NanosPerSecond;
    private const long NanosPerHour = 60 * NanosPerMinute;

    public static CqlDuration Parse(string text)
    {
        var s = text.Trim();
        var negative = s.StartsWith("-", StringComparison.Ordinal);
        if (negative) s = s.Substring(1);
        if (s.Length == 0) throw new FormatException($"'{text}' is not a duration");
        long months = 0, days = 0, nanos = 0;
        try
        {
            checked
            {
                if (s[0] == 'P' || s[0] == 'p') ParseIso(text, s, ref months, ref days, ref nanos);
                else ParseUnits(text, s, ref months, ref days, ref nanos);
                if (months > int.MaxValue || days > int.MaxValue) throw new OverflowException();
                return negative ? new CqlDuration(-(int)months, -(int)days, -nanos) : new CqlDuration((int)months, (int)days, nanos);
            }
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too long a duration (months and days are 32-bit, nanoseconds 64-bit)");
        }
    }

    private static void ParseUnits(string text, string s, ref long months, ref long days, ref long nanos)
    {
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsDigit(s[i])) i++;
            if (i == start) throw new FormatException($"'{text}' is not a duration: a number was expected at position {start}");
            var number = long.Parse(s.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < s.Length && !char.IsDigit(s[i])) i++;
            var unit = s.Substring(unitStart, i - unitStart).ToLowerInvariant();
            checked
            {
                switch (unit)
                {
                    case "y": months += number * 12; break;
                    case "mo": months += number; break;
                    case "w": days += number * 7; break;
                    case "d": days += number; break;
                    case "h": nanos += number * NanosPerHour; break;
                    case "m": nanos += number * NanosPerMinute; break;
                    case "s": nanos += number * NanosPerSecond; break;
                    case "ms": nanos += number * NanosPerMillisecond; break;
                    case "us":
                    case "µs": nanos += number * NanosPerMicrosecond; break;
                    case "ns": nanos += number; break;
                    default: throw new FormatException($"'{text}' is not a duration: unknown unit '{unit}'");
                }
            }
        }
    }

    private static void ParseIso(string text, string s, ref long months, ref long days, ref long nanos)
    {
        var inTime = false;
        var i = 1;
        if (i >= s.Length) throw new FormatException($"'{text}' is not a duration: nothing follows P");
        while (i < s.Length)
        {
            if (s[i] == 'T' || s[i] == 't')
            {
                inTime = true;
                i++;
                continue;
            }
            var start = i;
            while (i < s.Length && char.IsDigit(s[i])) i++;
            if (i == start || i >= s.Length) throw new FormatException($"'{text}' is not an ISO 8601 duration");
            var number = long.Parse(s.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var designator = char.ToUpperInvariant(s[i++]);
            checked
            {
                switch (designator)
                {
                    case 'Y' when !inTime: months += number * 12; break;
                    case 'M' when !inTime: months += number; break;
                    case 'W' when !inTime: days += number * 7; break;
                    case 'D' when !inTime: days += number; break;
                    case 'H' when inTime: nanos += number * NanosPerHour; break;
                    case 'M' when inTime: nanos += number * NanosPerMinute; break;
                    case 'S' when inTime: nanos += number * NanosPerSecond; break;
                    default: throw new FormatException($"'{text}' is not an ISO 8601 duration: unexpected '{designator}'");
                }
            }
        }
    }
}
