using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Synced.Emulators.Cassandra.Values;

/// <summary>
/// CQL date: an unsigned 32-bit count of days where 2^31 is 1970-01-01 (Cassandra's SimpleDateType), in the
/// proleptic Gregorian calendar; text is <c>yyyy-mm-dd</c> with an optional sign and as many year digits as needed.
/// </summary>
internal static class DateValue
{
    private const long EpochBias = 1L << 31;
    private static readonly Regex Pattern = new(@"^(?<y>[+-]?\d+)-(?<m>\d\d)-(?<d>\d\d)$", RegexOptions.CultureInvariant);

    public static byte[] Parse(string text)
    {
        var m = Pattern.Match(text.Trim());
        if (!m.Success) throw new FormatException($"Unable to coerce '{text}' to a formatted date (long)");
        var year = long.Parse(m.Groups["y"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
            throw new FormatException($"Unable to coerce '{text}' to a formatted date (long)");
        return FromDaysSinceEpoch(DaysFromCivil(year, month, day));
    }

    public static byte[] FromDaysSinceEpoch(long days)
    {
        var biased = days + EpochBias;
        if (biased is < 0 or > uint.MaxValue) throw new FormatException($"Date out of range: {days} days from the epoch");
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)biased);
        return bytes;
    }

    public static long DaysSinceEpoch(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32BigEndian(bytes) - EpochBias;

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var (year, month, day) = CivilFromDays(DaysSinceEpoch(bytes));
        var y = year < 0 ? "-" + (-year).ToString("0000", CultureInfo.InvariantCulture)
            : year > 9999 ? "+" + year.ToString(CultureInfo.InvariantCulture) : year.ToString("0000", CultureInfo.InvariantCulture);
        return $"{y}-{month:00}-{day:00}";
    }

    private static bool IsLeap(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days from 1970-01-01 of a proleptic Gregorian date, counting in 400-year eras from March 1st.</summary>
    private static long DaysFromCivil(long year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = FloorDiv(y, 400);
        var yearOfEra = y - era * 400;
        var monthFromMarch = month > 2 ? month - 3 : month + 9;
        var dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = FloorDiv(days, 146097);
        var dayOfEra = days - era * 146097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : (a - b + 1) / b;
}
