using System;

namespace Synced.Cql.Types;

/// <summary>
/// Reads a CQL duration literal by the rules of Cassandra's <c>Duration.from</c>: an optional <c>-</c>, then one of
/// <list type="bullet">
/// <item><description>the unit form: numbers each followed by a unit, in any case: <c>y</c>, <c>mo</c>, <c>w</c>,
/// <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c> or <c>µs</c>, <c>ns</c> (<c>1y2mo3w4d5h6m7s8ms9us10ns</c>);</description></item>
/// <item><description>ISO 8601 with designators, upper case: <c>P[nY][nM][nD][T[nH][nM][nS]]</c> (<c>P1Y2M3DT4H5M6S</c>);</description></item>
/// <item><description>ISO 8601 weeks: <c>PnW</c> (<c>P2W</c>);</description></item>
/// <item><description>the ISO 8601 alternative form: <c>PYYYY-MM-DDThh:mm:ss</c> (<c>P0001-02-03T04:05:06</c>).</description></item>
/// </list>
/// Units go from the largest to the smallest, each at most once. A year is 12 months, a week 7 days; the months and
/// days of the whole duration must fit 32 bits and its nanoseconds 64 bits.
/// </summary>
internal static class CqlDurationParser
{
    public static bool TryParse(string text, out CqlDuration duration, out string? error)
    {
        duration = default;
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var body = negative ? text.Substring(1) : text;
        var total = new Total();
        if (body.StartsWith("P", StringComparison.Ordinal))
        {
            if (body.EndsWith("W", StringComparison.Ordinal)) error = ReadWeeks(body, ref total);
            else if (body.IndexOf('-') >= 0) error = ReadAlternative(body, ref total);
            else error = ReadDesignators(body, ref total);
        }
        else error = ReadUnits(body, ref total);

        if (error is not null)
        {
            error = $"'{text}' is not a duration: {error}";
            return false;
        }
        duration = negative ? new CqlDuration(-total.Months, -total.Days, -total.Nanoseconds) : new CqlDuration(total.Months, total.Days, total.Nanoseconds);
        return true;
    }

    /// <summary>The unit form, e.g. <c>12h30m</c>.</summary>
    private static string? ReadUnits(string body, ref Total total)
    {
        if (body.Length == 0) return "it is empty";
        var at = 0;
        while (at < body.Length)
        {
            if (ReadNumber(body, ref at, out var number) is { } bad) return bad;
            var start = at;
            while (at < body.Length && !IsDigit(body[at])) at++;
            var unit = body.Substring(start, at - start);
            var error = unit.ToLowerInvariant() switch
            {
                "y" => total.Add(Unit.Years, number),
                "mo" => total.Add(Unit.Months, number),
                "w" => total.Add(Unit.Weeks, number),
                "d" => total.Add(Unit.Days, number),
                "h" => total.Add(Unit.Hours, number),
                "m" => total.Add(Unit.Minutes, number),
                "s" => total.Add(Unit.Seconds, number),
                "ms" => total.Add(Unit.Milliseconds, number),
                "us" or "µs" => total.Add(Unit.Microseconds, number),
                "ns" => total.Add(Unit.Nanoseconds, number),
                "" => $"the number at position {start} has no unit",
                _ => $"'{unit}' is no unit (y, mo, w, d, h, m, s, ms, us, ns)",
            };
            if (error is not null) return error;
        }
        return null;
    }

    /// <summary><c>P[nY][nM][nD][T[nH][nM][nS]]</c>; nothing after P is zero, as for Cassandra.</summary>
    private static string? ReadDesignators(string body, ref Total total)
    {
        var at = 1;
        var inTime = false;
        while (at < body.Length)
        {
            if (body[at] == 'T' && !inTime)
            {
                inTime = true;
                at++;
                continue;
            }
            if (ReadNumber(body, ref at, out var number) is { } bad) return bad;
            if (at == body.Length) return "the last number has no designator";
            var designator = body[at++];
            var error = (designator, inTime) switch
            {
                ('Y', false) => total.Add(Unit.Years, number),
                ('M', false) => total.Add(Unit.Months, number),
                ('D', false) => total.Add(Unit.Days, number),
                ('H', true) => total.Add(Unit.Hours, number),
                ('M', true) => total.Add(Unit.Minutes, number),
                ('S', true) => total.Add(Unit.Seconds, number),
                _ => $"'{designator}' at position {at - 1} is no ISO 8601 designator here (P[nY][nM][nD][T[nH][nM][nS]])",
            };
            if (error is not null) return error;
        }
        return null;
    }

    /// <summary><c>PnW</c>.</summary>
    private static string? ReadWeeks(string body, ref Total total)
    {
        var at = 1;
        if (ReadNumber(body, ref at, out var weeks) is { } bad) return bad;
        return at == body.Length - 1 ? total.Add(Unit.Weeks, weeks) : "the week form is PnW, with nothing else";
    }

    /// <summary><c>PYYYY-MM-DDThh:mm:ss</c>, every field of exactly its digits.</summary>
    private static string? ReadAlternative(string body, ref Total total)
    {
        const string shape = "P####-##-##T##:##:##";
        if (body.Length != shape.Length) return "the alternative ISO 8601 form is PYYYY-MM-DDThh:mm:ss";
        for (var i = 0; i < shape.Length; i++)
            if (shape[i] == '#' ? !IsDigit(body[i]) : body[i] != shape[i])
                return "the alternative ISO 8601 form is PYYYY-MM-DDThh:mm:ss";
        return total.Add(Unit.Years, Field(1, 4)) ?? total.Add(Unit.Months, Field(6, 2)) ?? total.Add(Unit.Days, Field(9, 2))
            ?? total.Add(Unit.Hours, Field(12, 2)) ?? total.Add(Unit.Minutes, Field(15, 2)) ?? total.Add(Unit.Seconds, Field(18, 2));

        long Field(int start, int length)
        {
            long value = 0;
            for (var i = start; i < start + length; i++) value = value * 10 + (body[i] - '0');
            return value;
        }
    }

    private static string? ReadNumber(string body, ref int at, out long number)
    {
        number = 0;
        var start = at;
        while (at < body.Length && IsDigit(body[at]))
        {
            var digit = body[at++] - '0';
            if (number > (long.MaxValue - digit) / 10) return $"the number at position {start} is too large";
            number = number * 10 + digit;
        }
        return at == start ? $"a number was expected at position {start}" : null;
    }

    // Java's \d, which Cassandra's patterns use: ASCII digits only.
    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private enum Unit
    {
        None,
        Years,
        Months,
        Weeks,
        Days,
        Hours,
        Minutes,
        Seconds,
        Milliseconds,
        Microseconds,
        Nanoseconds,
    }

    /// <summary>The duration read so far, and the last unit added (units come largest first, each once).</summary>
    private struct Total
    {
        public int Months;
        public int Days;
        public long Nanoseconds;
        private Unit _last;

        public string? Add(Unit unit, long count)
        {
            if (unit == _last) return $"the {Name(unit)} are given twice";
            if (unit < _last) return $"the {Name(unit)} come after the {Name(_last)}; units go from the largest to the smallest";
            _last = unit;
            switch (unit)
            {
                case Unit.Years: return AddTo(ref Months, count, 12);
                case Unit.Months: return AddTo(ref Months, count, 1);
                case Unit.Weeks: return AddTo(ref Days, count, 7);
                case Unit.Days: return AddTo(ref Days, count, 1);
                case Unit.Hours: return AddTo(ref Nanoseconds, count, 3_600_000_000_000L);
                case Unit.Minutes: return AddTo(ref Nanoseconds, count, 60_000_000_000L);
                case Unit.Seconds: return AddTo(ref Nanoseconds, count, 1_000_000_000L);
                case Unit.Milliseconds: return AddTo(ref Nanoseconds, count, 1_000_000L);
                case Unit.Microseconds: return AddTo(ref Nanoseconds, count, 1_000L);
                default: return AddTo(ref Nanoseconds, count, 1L);
            }
        }

        private static string? AddTo(ref int total, long count, int perUnit)
        {
            if (count > (int.MaxValue - total) / perUnit) return $"its months or days exceed {int.MaxValue} in total";
            total += (int)(count * perUnit);
            return null;
        }

        private static string? AddTo(ref long total, long count, long perUnit)
        {
            if (count > (long.MaxValue - total) / perUnit) return $"its nanoseconds exceed {long.MaxValue} in total";
            total += count * perUnit;
            return null;
        }

        private static string Name(Unit unit) => unit.ToString().ToLowerInvariant();
    }
}
