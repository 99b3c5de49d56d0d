using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// An Elasticsearch date format expression such as <c>strict_date_optional_time||epoch_millis</c>:
/// parses strings (and numbers for the epoch formats) to epoch milliseconds, and prints with its first format.
/// </summary>
internal sealed class DateFormat
{
    public const string DefaultPattern = "strict_date_optional_time||epoch_millis";
    public static readonly DateFormat Default = new(DefaultPattern);

    private readonly string[] _formats;

    public DateFormat(string pattern)
    {
        Pattern = pattern;
        _formats = pattern.Split("||", StringSplitOptions.RemoveEmptyEntries);
        foreach (var f in _formats)
            if (f.Length == 0) throw Errors.IllegalArgument($"Invalid format: [{pattern}]");
    }

    public string Pattern { get; }

    public bool AcceptsNumbers
    {
        get
        {
            foreach (var f in _formats) if (f is "epoch_millis" or "epoch_second") return true;
            return false;
        }
    }

    /// <summary>Parses a string value with the formats in order.</summary>
    public bool TryParse(string text, out long millis)
    {
        foreach (var f in _formats)
            if (TryParseWith(f, text, out millis)) return true;
        millis = 0;
        return false;
    }

    /// <summary>
    /// Parses a JSON number given to a date field: ES reads the number's text with the formats in order
    /// (DateFieldMapper takes <c>parser.text()</c>), so with the default format a 4-digit number is a year.
    /// </summary>
    public bool TryParseNumber(JsonElement number, out long millis) => TryParse(number.GetRawText(), out millis);

    public string Format(long millis)
    {
        var first = _formats[0];
        if (first == "epoch_millis") return millis.ToString(CultureInfo.InvariantCulture);
        if (first == "epoch_second") return (millis / 1000).ToString(CultureInfo.InvariantCulture);
        var t = DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime;
        return first switch
        {
            "strict_date" or "date" or "yyyy-MM-dd" => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "strict_date_time_no_millis" or "date_time_no_millis" => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            _ when IsIsoFamily(first) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            _ => t.ToString(ToDotNetPattern(first), CultureInfo.InvariantCulture),
        };
    }

    private static bool IsIsoFamily(string f) => f is "strict_date_optional_time" or "date_optional_time"
        or "strict_date_optional_time_nanos" or "strict_date_time" or "date_time" or "basic_date_time";

    private static bool TryParseWith(string format, string text, out long millis)
    {
        millis = 0;
        switch (format)
        {
            case "epoch_millis":
                if (TryParseEpoch(text, 1, out millis)) return true;
                return false;
            case "epoch_second":
                return TryParseEpoch(text, 1000, out millis);
            case "strict_date_optional_time":
            case "strict_date_optional_time_nanos":
                return TryParseIso(text, strict: true, requireTime: false, out millis);
            case "date_optional_time":
            case "dateOptionalTime":
                return TryParseIso(text, strict: false, requireTime: false, out millis);
            case "strict_date_time":
            case "date_time":
            case "strict_date_time_no_millis":
            case "date_time_no_millis":
                return TryParseIso(text, strict: format.StartsWith("strict", StringComparison.Ordinal), requireTime: true, out millis);
            case "strict_date":
            case "date":
                return text.Length <= 10 && TryParseIso(text, strict: format == "strict_date", requireTime: false, out millis) && !text.Contains('T');
            default:
                return TryParseCustom(format, text, out millis);
        }
    }

    /// <summary>
    /// epoch_millis / epoch_second as EpochTime parses them: an optional '-', 1 to 19 digits, and an optional '.' with
    /// up to 6 (millis) or 9 (seconds) fraction digits; the instant is floored to the millisecond, as a date keeps it.
    /// </summary>
    private static bool TryParseEpoch(string text, long scale, out long millis)
    {
        millis = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative) i++;
        var start = i;
        long whole = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (i - start == 19) return false;
            whole = whole * 10 + (text[i++] - '0');
            if (whole < 0) return false;
        }
        if (i == start) return false;
        long fractionNanos = 0; // of one unit (millisecond or second), in nanoseconds scaled to the unit
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var maxDigits = scale == 1 ? 6 : 9;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (++fractionDigits > maxDigits) return false;
                fractionNanos = fractionNanos * 10 + (text[i++] - '0');
            }
            for (var d = fractionDigits; d < maxDigits; d++) fractionNanos *= 10;
        }
        if (i != text.Length) return false;
        // The fraction is in nanoseconds (of a millisecond or of a second): either way /1e6 gives milliseconds.
        decimal value;
        try
        {
            value = (decimal)whole * scale + fractionNanos / 1_000_000m;
        }
        catch (OverflowException)
        {
            return false;
        }
        if (negative) value = -value;
        var floored = decimal.Floor(value);
        if (floored > long.MaxValue || floored < long.MinValue) return false;
        millis = (long)floored;
        return true;
    }

    /// <summary>
    /// The ISO 8601 family. <paramref name="strict"/> follows DateFormatters' STRICT_DATE_OPTIONAL_TIME_FORMATTER:
    /// a year of exactly 4 digits (optionally '-' signed: "2024" alone is a year), optional -MM and -dd, then an
    /// optional 'T' with optional HH, :mm, :ss, a '.' or ',' fraction of 1 to 9 digits, and a zone (Z, ±HH, ±HH:mm,
    /// ±HHmm) allowed after the hour; no zone means UTC. Fields are checked strictly (no 24:00, no Feb 30).
    /// The lenient forms (date_optional_time) take 1 to 9 year digits and 1 or 2 digit fields.
    /// </summary>
    internal static bool TryParseIso(string s, bool strict, bool requireTime, out long millis)
    {
        millis = 0;
        var i = 0;
        var negativeYear = i < s.Length && s[i] == '-';
        if (negativeYear) i++;
        if (!ReadInt(s, ref i, strict ? 4 : 1, strict ? 4 : 9, out var year)) return false;
        if (negativeYear) year = -year;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fractionNanos = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
            if (!ReadInt(s, ref i, strict ? 2 : 1, 2, out month)) return false;
            if (i < s.Length && s[i] == '-')
            {
                i++;
                if (!ReadInt(s, ref i, strict ? 2 : 1, 2, out day)) return false;
            }
        }
        var hasTime = false;
        if (i < s.Length && s[i] == 'T')
        {
            i++;
            if (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                hasTime = true;
                if (!ReadInt(s, ref i, strict ? 2 : 1, 2, out hour)) return false;
                if (i < s.Length && s[i] == ':')
                {
                    i++;
                    if (!ReadInt(s, ref i, strict ? 2 : 1, 2, out minute)) return false;
                    if (i < s.Length && s[i] == ':')
                    {
                        i++;
                        if (!ReadInt(s, ref i, strict ? 2 : 1, 2, out second)) return false;
                        if (i < s.Length && (s[i] == '.' || s[i] == ','))
                        {
                            i++;
                            var start = i;
                            while (i < s.Length && char.IsAsciiDigit(s[i]))
                            {
                                if (i - start == 9) return false;
                                fractionNanos = fractionNanos * 10 + (s[i++] - '0');
                            }
                            var digits = i - start;
                            if (digits == 0) return false;
                            for (var d = digits; d < 9; d++) fractionNanos *= 10;
                        }
                    }
                }
                if (!TryReadZone(s, ref i, out var offsetMinutes)) return false;
                if (i != s.Length) return false;
                return Resolve(year, month, day, hour, minute, second, fractionNanos, offsetMinutes, out millis);
            }
        }
        if (requireTime && !hasTime) return false;
        if (i != s.Length) return false;
        return Resolve(year, month, day, hour, minute, second, fractionNanos, 0, out millis);
    }

    /// <summary>Z, ±HH, ±HH:mm, ±HHmm, ±HH:mm:ss (appendZoneOrOffsetId, then the no-colon offset); nothing is UTC.</summary>
    private static bool TryReadZone(string s, ref int i, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (i >= s.Length) return true;
        if (s[i] == 'Z')
        {
            i++;
            return true;
        }
        if (s[i] != '+' && s[i] != '-') return false;
        var sign = s[i] == '-' ? -1 : 1;
        i++;
        if (!ReadInt(s, ref i, 2, 2, out var hours)) return false;
        var minutes = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!ReadInt(s, ref i, 2, 2, out minutes)) return false;
            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (!ReadInt(s, ref i, 2, 2, out _)) return false;
            }
        }
        else if (i < s.Length && char.IsAsciiDigit(s[i]) && !ReadInt(s, ref i, 2, 2, out minutes)) return false;
        if (hours > 18 || minutes > 59) return false;
        offsetMinutes = sign * (hours * 60 + minutes);
        return true;
    }

    /// <summary>Epoch milliseconds of a proleptic Gregorian date-time (any year), checked strictly, floored.</summary>
    private static bool Resolve(long year, int month, int day, int hour, int minute, int second, long fractionNanos, int offsetMinutes, out long millis)
    {
        millis = 0;
        if (month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59) return false;
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = { 31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        if (day < 1 || day > days[month - 1]) return false;
        // Days from 1970-01-01 to the date (civil calendar arithmetic, valid for every year).
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var mp = (month + 9) % 12;
        var doy = (153 * mp + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        var epochDays = era * 146097 + doe - 719468;
        var seconds = epochDays * 86400 + hour * 3600L + minute * 60L + second - offsetMinutes * 60L;
        millis = seconds * 1000 + fractionNanos / 1_000_000; // the fraction is positive: this floors
        return true;
    }

    private static bool ReadInt(string s, ref int i, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < maxDigits) value = value * 10 + (s[i++] - '0');
        return i - start >= minDigits;
    }

    private static bool TryParseCustom(string javaPattern, string text, out long millis)
    {
        millis = 0;
        var pattern = ToDotNetPattern(javaPattern);
        if (DateTimeOffset.TryParseExact(text, pattern, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
        {
            millis = dto.ToUnixTimeMilliseconds();
            return true;
        }
        return false;
    }

    /// <summary>Turns the common Java time letters into .NET's (yyyy MM dd HH mm ss SSS Z and quoted text).</summary>
    private static string ToDotNetPattern(string java)
    {
        var map = new Dictionary<string, string>
        {
            ["uuuu"] = "yyyy", ["SSSSSS"] = "ffffff", ["SSS"] = "fff", ["XXX"] = "zzz", ["ZZ"] = "zzz", ["Z"] = "zzz", ["X"] = "zzz",
        };
        var result = java;
        foreach (var (from, to) in map) result = result.Replace(from, to, StringComparison.Ordinal);
        return result;
    }
}
