using System;
using System.Globalization;

namespace Synced.Cql.Types;

/// <summary>A CQL <c>time</c>: nanoseconds since midnight, 0 to 86,399,999,999,999.</summary>
public readonly struct CqlTime : IEquatable<CqlTime>, IComparable<CqlTime>
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000L;

    public CqlTime(long nanoseconds)
    {
        if (nanoseconds < 0 || nanoseconds >= NanosecondsPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "A CQL time is 0 to 86399999999999 ns since midnight.");
        }

        Nanoseconds = nanoseconds;
    }

    public long Nanoseconds { get; }

    /// <summary>From a time of day; must be in [0, 24h).</summary>
    public static CqlTime FromTimeSpan(TimeSpan value) => new(value.Ticks * 100);

    /// <summary>As a <see cref="TimeSpan"/>, truncated to 100 ns ticks.</summary>
    public TimeSpan ToTimeSpan() => new(Nanoseconds / 100);

    /// <summary><c>HH:mm:ss.fffffffff</c>.</summary>
    public override string ToString()
    {
        var seconds = Nanoseconds / 1_000_000_000L;
        var fraction = Nanoseconds % 1_000_000_000L;
        return string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}.{3:000000000}",
            seconds / 3600, seconds / 60 % 60, seconds % 60, fraction);
    }

    /// <summary>Parses <c>HH:mm:ss[.f…]</c> with up to 9 fraction digits.</summary>
    public static CqlTime Parse(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a time in the form HH:mm:ss[.fffffffff].");
        }

        var secondParts = parts[2].Split('.');
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !long.TryParse(secondParts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59 || secondParts.Length > 2)
        {
            throw new FormatException($"'{text}' is not a time in the form HH:mm:ss[.fffffffff].");
        }

        long nanos = 0;
        if (secondParts.Length == 2)
        {
            var digits = secondParts[1];
            if (digits.Length == 0 || digits.Length > 9
                || !long.TryParse(digits.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out nanos))
            {
                throw new FormatException($"'{text}' has a bad fraction of a second (1 to 9 digits).");
            }
        }

        return new CqlTime(((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000L + nanos);
    }

    public bool Equals(CqlTime other) => Nanoseconds == other.Nanoseconds;

    public override bool Equals(object? obj) => obj is CqlTime other && Equals(other);

    public override int GetHashCode() => Nanoseconds.GetHashCode();

    public int CompareTo(CqlTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator ==(CqlTime left, CqlTime right) => left.Equals(right);

    public static bool operator !=(CqlTime left, CqlTime right) => !left.Equals(right);

    /// <summary>Ordering by <see cref="CompareTo(CqlTime)"/>.</summary>
    public static bool operator <(CqlTime left, CqlTime right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTime)"/>.</summary>
    public static bool operator <=(CqlTime left, CqlTime right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTime)"/>.</summary>
    public static bool operator >(CqlTime left, CqlTime right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTime)"/>.</summary>
    public static bool operator >=(CqlTime left, CqlTime right) => left.CompareTo(right) >= 0;
}
