using System;
using System.Text.Json;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Reads a date value the way Elasticsearch reads it for the contract's format
/// <c>strict_date_optional_time||epoch_millis</c> (<see cref="DataContract.TmstmpDateFormat"/>), giving the epoch
/// milliseconds Elasticsearch stores. A stored
/// tmstmp read any other way could differ from the one the scan's range query matched (e.g. <c>2024</c> is the
/// year 2024 to Elasticsearch, not 2024 ms after the epoch), and the entry would fall outside the range silently.
/// </summary>
/// <remarks>
/// The formats are tried in order (DateFormatters, EpochTime):
/// <list type="number">
/// <item><description><c>strict_date_optional_time</c>: a year of exactly four digits (a leading '-' allowed),
/// optional <c>-MM</c> and <c>-dd</c>, then an optional <c>T</c> with optional <c>HH</c>, <c>:mm</c>, <c>:ss</c>, a
/// fraction of 1 to 9 digits after '.' or ',', and after the hour an optional zone: <c>Z</c>, <c>±HH</c>,
/// <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH:mm:ss</c>. No zone is UTC. Fields are resolved strictly.</description></item>
/// <item><description><c>epoch_millis</c>: an optional '-', 1 to 19 digits, an optional '.' with up to 6 digits.</description></item>
/// </list>
/// A JSON number is read as its text. The instant is floored to the millisecond, as a <c>date</c> field keeps it.
/// </remarks>
internal static class ElasticsearchDate
{
    /// <summary>
    /// The instant of a stored date: the milliseconds Elasticsearch stores for it, so an entry's tmstmp is the one the
    /// scan's range matched. A JSON number is read as its text (2024 is a year, 1709294400123 epoch milliseconds).
    /// Null when Elasticsearch would refuse the value, or it lies outside the years 0001 to 9999.
    /// </summary>
    public static DateTime? Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => Read(value.GetRawText()),
        JsonValueKind.String => Read(value.GetString()!),
        _ => null,
    };

    /// <summary>Bytes of <see cref="FormatMilliseconds"/>: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int MillisecondsLength = 24;

    /// <summary>
    /// Writes an instant as Synced writes tmstmp and dates (<see cref="UtcTime.FormatMilliseconds"/>:
    /// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, UTC, whole milliseconds) into <paramref name="destination"/> as UTF-8, without
    /// a string; returns the written part.
    /// </summary>
    public static ReadOnlySpan<byte> FormatMilliseconds(DateTime value, Span<byte> destination)
    {
        var utc = UtcTime.Normalize(value);
        Digits(destination, 0, 4, utc.Year);
        destination[4] = (byte)'-';
        Digits(destination, 5, 2, utc.Month);
        destination[7] = (byte)'-';
        Digits(destination, 8, 2, utc.Day);
        destination[10] = (byte)'T';
        Digits(destination, 11, 2, utc.Hour);
        destination[13] = (byte)':';
        Digits(destination, 14, 2, utc.Minute);
        destination[16] = (byte)':';
        Digits(destination, 17, 2, utc.Second);
        destination[19] = (byte)'.';
        Digits(destination, 20, 3, utc.Millisecond);
        destination[23] = (byte)'Z';
        return destination.Slice(0, MillisecondsLength);
    }

    private static void Digits(Span<byte> destination, int at, int count, int value)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>The instant of a stored date's text (see <see cref="Read(JsonElement)"/>).</summary>
    public static DateTime? Read(string text)
        => TryParseMillis(text, out var millis) ? UtcTime.FromUnixMilliseconds(millis) : null;

    /// <summary>The epoch milliseconds Elasticsearch stores for <paramref name="text"/>; false when it refuses it.</summary>
    public static bool TryParseMillis(string text, out long millis)
        => TryParseIsoDate(text, out millis) || TryParseEpochMillis(text, out millis);

    private static bool TryParseIsoDate(string text, out long millis)
    {
        millis = 0;
        var at = 0;
        var negative = Peek(text, at) == '-';
        if (negative) at++;
        if (!Digits(text, ref at, 4, out var year)) return false;
        if (negative) year = -year;
        long month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offsetSeconds = 0;
        if (Peek(text, at) == '-')
        {
            at++;
            if (!Digits(text, ref at, 2, out month)) return false;
            if (Peek(text, at) == '-')
            {
                at++;
                if (!Digits(text, ref at, 2, out day)) return false;
            }
        }
        if (Peek(text, at) == 'T')
        {
            at++;
            if (IsDigit(Peek(text, at)))
            {
                if (!Digits(text, ref at, 2, out hour)) return false;
                if (Peek(text, at) == ':')
                {
                    at++;
                    if (!Digits(text, ref at, 2, out minute)) return false;
                    if (Peek(text, at) == ':')
                    {
                        at++;
                        if (!Digits(text, ref at, 2, out second)) return false;
                        if (Peek(text, at) == '.' || Peek(text, at) == ',')
                        {
                            at++;
                            var digits = 0;
                            while (IsDigit(Peek(text, at)))
                            {
                                if (++digits > 9) return false;
                                nanos = nanos * 10 + (text[at++] - '0');
                            }
                            if (digits == 0) return false;
                            for (; digits < 9; digits++) nanos *= 10;
                        }
                    }
                }
                if (!Zone(text, ref at, out offsetSeconds)) return false;
            }
        }
        if (at != text.Length) return false;
        if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        var seconds = DaysSinceEpoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
        millis = seconds * 1000 + nanos / 1_000_000;
        return true;
    }

    private static bool Zone(string text, ref int at, out long offsetSeconds)
    {
        offsetSeconds = 0;
        var c = Peek(text, at);
        if (c == '\0') return true;
        if (c == 'Z')
        {
            at++;
            return true;
        }
        if (c != '+' && c != '-') return false;
        at++;
        if (!Digits(text, ref at, 2, out var hours)) return false;
        long minutes = 0, seconds = 0;
        if (Peek(text, at) == ':')
        {
            at++;
            if (!Digits(text, ref at, 2, out minutes)) return false;
            if (Peek(text, at) == ':')
            {
                at++;
                if (!Digits(text, ref at, 2, out seconds)) return false;
            }
        }
        else if (IsDigit(Peek(text, at)) && !Digits(text, ref at, 2, out minutes))
        {
            return false;
        }
        if (hours > 18 || minutes > 59 || seconds > 59) return false;
        offsetSeconds = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
        return true;
    }

    private static bool TryParseEpochMillis(string text, out long millis)
    {
        millis = 0;
        var at = 0;
        var negative = Peek(text, at) == '-';
        if (negative) at++;
        var start = at;
        long whole = 0;
        while (IsDigit(Peek(text, at)))
        {
            if (at - start == 19) return false;
            var next = whole * 10 + (text[at++] - '0');
            if (next < whole) return false;
            whole = next;
        }
        if (at == start) return false;
        var fraction = false;
        if (Peek(text, at) == '.')
        {
            at++;
            var digits = 0;
            while (IsDigit(Peek(text, at)))
            {
                if (++digits > 6) return false;
                fraction |= text[at++] != '0';
            }
        }
        if (at != text.Length) return false;
        // A fraction of a millisecond floors: down for positive values, one further down for negative ones.
        millis = negative ? -whole - (fraction ? 1 : 0) : whole;
        return true;
    }

    private static char Peek(string text, int at) => at < text.Length ? text[at] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Exactly <paramref name="count"/> digits.</summary>
    private static bool Digits(string text, ref int at, int count, out long value)
    {
        value = 0;
        for (var i = 0; i < count; i++)
        {
            if (!IsDigit(Peek(text, at))) return false;
            value = value * 10 + (text[at++] - '0');
        }
        return true;
    }

    private static long DaysInMonth(long year, long month)
    {
        if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        return month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    /// <summary>Days from 1970-01-01 to a proleptic Gregorian date (any year).</summary>
    private static long DaysSinceEpoch(long year, long month, long day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - era * 400;
        var dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}
