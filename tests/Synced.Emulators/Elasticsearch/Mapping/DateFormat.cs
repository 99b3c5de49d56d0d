using System;
using System.Collections.Generic;
using System.Globalization;

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

    /// <summary>Parses a JSON number: epoch formats take it, as ES does for numbers sent to a date field.</summary>
    public bool TryParseNumber(double number, out long millis)
    {
        foreach (var f in _formats)
        {
            if (f == "epoch_millis") { millis = (long)number; return true; }
            if (f == "epoch_second") { millis = (long)(number * 1000); return true; }
        }
        // A number given to a date field without an epoch format is still read as millis by ES (via its string form).
        return TryParse(number.ToString("R", CultureInfo.InvariantCulture), out millis);
    }

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

    private static bool TryParseEpoch(string text, long scale, out long millis)
    {
        millis = 0;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            millis = whole * scale;
            return true;
        }
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            millis = (long)(d * scale);
            return true;
        }
        return false;
    }

    /// <summary>ISO 8601 as ES's date_optional_time family reads it: date, optional T time, optional zone.</summary>
    internal static bool TryParseIso(string s, bool strict, bool requireTime, out long millis)
    {
        millis = 0;
        var i = 0;
        if (!ReadInt(s, ref i, strict ? 4 : 1, strict ? 4 : 9, out var year)) return false;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
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
            hasTime = true;
            i++;
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
                        long frac = 0;
                        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 9) frac = frac * 10 + (s[i++] - '0');
                        var digits = i - start;
                        if (digits == 0) return false;
                        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                        for (var d = digits; d < 7; d++) frac *= 10;
                        for (var d = digits; d > 7; d--) frac /= 10;
                        fractionTicks = frac;
                    }
                }
            }
        }
        if (requireTime && !hasTime) return false;
        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            if (s[i] == 'Z')
            {
                i++;
            }
            else if (s[i] == '+' || s[i] == '-')
            {
                if (!hasTime && strict) return false;
                var sign = s[i] == '-' ? -1 : 1;
                i++;
                if (!ReadInt(s, ref i, 2, 2, out var oh)) return false;
                var om = 0;
                if (i < s.Length && s[i] == ':') i++;
                if (i < s.Length && !ReadInt(s, ref i, 2, 2, out om)) return false;
                offset = TimeSpan.FromMinutes(sign * (oh * 60 + om));
            }
        }
        if (i != s.Length) return false;
        if (month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59) return false;
        if (year < 1 || year > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        try
        {
            var dto = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
            millis = dto.ToUnixTimeMilliseconds();
            // ToUnixTimeMilliseconds truncates toward zero; ES floors sub-millisecond parts before the epoch.
            if (dto.Ticks % TimeSpan.TicksPerMillisecond != 0 && millis <= 0 && dto.UtcTicks < DateTimeOffset.UnixEpoch.UtcTicks) millis--;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
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
