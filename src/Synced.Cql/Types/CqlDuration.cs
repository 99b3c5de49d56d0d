using System;
using System.Globalization;
using System.Text;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL <c>duration</c>: months, days and nanoseconds kept apart because their lengths vary (a month is not a
/// fixed number of days). All three have the same sign, as Cassandra requires.
/// </summary>
public readonly struct CqlDuration : IEquatable<CqlDuration>
{
    public CqlDuration(int months, int days, long nanoseconds)
    {
        var anyNegative = months < 0 || days < 0 || nanoseconds < 0;
        var anyPositive = months > 0 || days > 0 || nanoseconds > 0;
        if (anyNegative && anyPositive)
        {
            throw new ArgumentException($"A duration's months ({months}), days ({days}) and nanoseconds ({nanoseconds}) must all have the same sign.");
        }

        Months = months;
        Days = days;
        Nanoseconds = nanoseconds;
    }

    public int Months { get; }

    public int Days { get; }

    public long Nanoseconds { get; }

    /// <summary>A duration of nanoseconds only (no months or days).</summary>
    public static CqlDuration FromTimeSpan(TimeSpan value) => new(0, 0, checked(value.Ticks * 100));

    /// <summary>
    /// Parses a CQL duration literal as Cassandra does (<see cref="CqlDurationParser"/>): the unit form
    /// (<c>1y2mo3w4d5h6m7s8ms9us10ns</c>), ISO 8601 (<c>P1Y2M3DT4H5M6S</c>, <c>P2W</c>) or its alternative form
    /// (<c>P0001-02-03T04:05:06</c>), each with an optional leading '-'. <see cref="ToString"/> parses back.
    /// </summary>
    /// <exception cref="FormatException">The text is no duration, or one too long for months, days and nanoseconds.</exception>
    public static CqlDuration Parse(string text)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return CqlDurationParser.TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);
    }

    /// <summary>Parses a CQL duration literal like <see cref="Parse"/>; false when the text is none.</summary>
    public static bool TryParse(string? text, out CqlDuration duration)
    {
        duration = default;
        return text != null && CqlDurationParser.TryParse(text, out duration, out _);
    }

    /// <summary>Cassandra's text form, e.g. <c>1mo2d3ns</c> or <c>-1h30m</c>; zero is <c>0s</c>.</summary>
    public override string ToString()
    {
        if (Months == 0 && Days == 0 && Nanoseconds == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        var negative = Months < 0 || Days < 0 || Nanoseconds < 0;
        if (negative)
        {
            builder.Append('-');
        }

        var months = Math.Abs((long)Months);
        var days = Math.Abs((long)Days);
        var nanos = Nanoseconds == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Nanoseconds);
        Append(builder, (ulong)(months / 12), "y");
        Append(builder, (ulong)(months % 12), "mo");
        Append(builder, (ulong)days, "d");
        Append(builder, nanos / 3_600_000_000_000UL, "h");
        nanos %= 3_600_000_000_000UL;
        Append(builder, nanos / 60_000_000_000UL, "m");
        nanos %= 60_000_000_000UL;
        Append(builder, nanos / 1_000_000_000UL, "s");
        nanos %= 1_000_000_000UL;
        Append(builder, nanos / 1_000_000UL, "ms");
        nanos %= 1_000_000UL;
        Append(builder, nanos / 1_000UL, "us");
        Append(builder, nanos % 1_000UL, "ns");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ulong value, string unit)
    {
        if (value != 0)
        {
            builder.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    public bool Equals(CqlDuration other) => Months == other.Months && Days == other.Days && Nanoseconds == other.Nanoseconds;

    public override bool Equals(object? obj) => obj is CqlDuration other && Equals(other);

    public override int GetHashCode() => Months ^ (Days << 8) ^ Nanoseconds.GetHashCode();

    public static bool operator ==(CqlDuration left, CqlDuration right) => left.Equals(right);

    public static bool operator !=(CqlDuration left, CqlDuration right) => !left.Equals(right);
}
