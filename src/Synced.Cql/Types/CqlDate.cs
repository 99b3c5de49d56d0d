using System;
using System.Globalization;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL <c>date</c>: days as an unsigned 32-bit number with 2^31 at 1970-01-01, so about ±5.8 million years around
/// the epoch (proleptic Gregorian calendar with a year 0, like Cassandra). Only part of the range fits a <see cref="DateTime"/>.
/// </summary>
public readonly struct CqlDate : IEquatable<CqlDate>, IComparable<CqlDate>
{
    private const long EpochOffset = 1L << 31;

    /// <summary>Creates a date from its wire value.</summary>
    public CqlDate(uint raw) => Raw = raw;

    /// <summary>The wire value: days with 2^31 = 1970-01-01.</summary>
    public uint Raw { get; }

    /// <summary>Days since 1970-01-01 (negative before).</summary>
    public long DaysSinceEpoch => Raw - EpochOffset;

    public static CqlDate MinValue => new(uint.MinValue);

    public static CqlDate MaxValue => new(uint.MaxValue);

    /// <summary>1970-01-01.</summary>
    public static CqlDate Epoch => new((uint)EpochOffset);

    public static CqlDate FromDaysSinceEpoch(long days)
    {
        var raw = days + EpochOffset;
        if (raw < 0 || raw > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "A CQL date is within ±2^31 days of 1970-01-01.");
        }

        return new CqlDate((uint)raw);
    }

    /// <summary>The date part of a <see cref="DateTime"/> (its kind is ignored).</summary>
    public static CqlDate FromDateTime(DateTime value)
        => FromDaysSinceEpoch((long)(value.Date - new DateTime(1970, 1, 1)).TotalDays);

    /// <summary>Year (astronomical numbering: year 0 is 1 BC), month and day.</summary>
    public static CqlDate FromYearMonthDay(long year, int month, int day)
    {
        if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{year}-{month}-{day} is not a date.");
        }

        return FromDaysSinceEpoch(DaysFromCivil(year, month, day));
    }

    /// <summary>Year, month and day of this date.</summary>
    public void Deconstruct(out long year, out int month, out int day) => CivilFromDays(DaysSinceEpoch, out year, out month, out day);

    /// <summary>This date at midnight as a <see cref="DateTime"/> (UTC kind); throws outside years 1..9999.</summary>
    public DateTime ToDateTime()
    {
        var days = DaysSinceEpoch;
        const long minDays = -719162; // 0001-01-01
        const long maxDays = 2932896; // 9999-12-31
        if (days < minDays || days > maxDays)
        {
            throw new OverflowException($"The date {this} is outside the range of System.DateTime (years 1 to 9999).");
        }

        return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(days);
    }

    /// <summary>ISO form <c>yyyy-MM-dd</c>; years outside 0..9999 carry a sign, as Cassandra prints them.</summary>
    public override string ToString()
    {
        Deconstruct(out var year, out var month, out var day);
        var yearText = year >= 0 && year <= 9999
            ? year.ToString("0000", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("0000", CultureInfo.InvariantCulture);
        return $"{yearText}-{month:00}-{day:00}";
    }

    /// <summary>Parses <c>[+|-]yyyy-MM-dd</c>.</summary>
    public static CqlDate Parse(string text)
    {
        var trimmed = text.Trim();
        var sign = 1;
        var start = 0;
        if (trimmed.StartsWith("-", StringComparison.Ordinal) || trimmed.StartsWith("+", StringComparison.Ordinal))
        {
            sign = trimmed[0] == '-' ? -1 : 1;
            start = 1;
        }

        var parts = trimmed.Substring(start).Split('-');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            throw new FormatException($"'{text}' is not a date in the form yyyy-MM-dd.");
        }

        return FromYearMonthDay(sign * year, month, day);
    }

    // Days from civil and back for the proleptic Gregorian calendar (H. Hinnant's well-known algorithm, any year).
    private static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        long dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static void CivilFromDays(long days, out long year, out int month, out int day)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - era * 146097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    }

    private static int DaysInMonth(long year, int month)
    {
        if (month == 2)
        {
            var leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }

        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    public bool Equals(CqlDate other) => Raw == other.Raw;

    public override bool Equals(object? obj) => obj is CqlDate other && Equals(other);

    public override int GetHashCode() => Raw.GetHashCode();

    public int CompareTo(CqlDate other) => Raw.CompareTo(other.Raw);

    public static bool operator ==(CqlDate left, CqlDate right) => left.Equals(right);

    public static bool operator !=(CqlDate left, CqlDate right) => !left.Equals(right);

    /// <summary>Ordering by <see cref="CompareTo(CqlDate)"/>.</summary>
    public static bool operator <(CqlDate left, CqlDate right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDate)"/>.</summary>
    public static bool operator <=(CqlDate left, CqlDate right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDate)"/>.</summary>
    public static bool operator >(CqlDate left, CqlDate right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlDate)"/>.</summary>
    public static bool operator >=(CqlDate left, CqlDate right) => left.CompareTo(right) >= 0;
}
