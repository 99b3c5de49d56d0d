using System;
using System.Globalization;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL <c>timestamp</c> as its raw milliseconds since 1970. Timestamps decode as <see cref="DateTimeOffset"/>; only
/// those outside its years 1..9999 decode as this type, so that no stored value is unreadable or lost.
/// </summary>
public readonly struct CqlTimestamp : IEquatable<CqlTimestamp>, IComparable<CqlTimestamp>
{
    /// <summary>0001-01-01T00:00:00Z, the first millisecond a <see cref="DateTimeOffset"/> holds.</summary>
    internal const long MinDateTimeOffsetMilliseconds = -62135596800000L;

    /// <summary>9999-12-31T23:59:59.999Z, the last millisecond a <see cref="DateTimeOffset"/> holds.</summary>
    internal const long MaxDateTimeOffsetMilliseconds = 253402300799999L;

    private static readonly DateTimeOffset UnixEpoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public CqlTimestamp(long milliseconds) => Milliseconds = milliseconds;

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    public long Milliseconds { get; }

    /// <summary>True when the value fits a <see cref="DateTimeOffset"/>.</summary>
    public bool FitsDateTimeOffset => Milliseconds >= MinDateTimeOffsetMilliseconds && Milliseconds <= MaxDateTimeOffsetMilliseconds;

    /// <summary>
    /// The timestamp of an instant: its milliseconds since 1970, truncated toward negative infinity as Java does
    /// (so 1 tick before the epoch is millisecond -1).
    /// </summary>
    public static CqlTimestamp FromDateTimeOffset(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - UnixEpoch.UtcTicks;
        var milliseconds = ticks / TimeSpan.TicksPerMillisecond;
        if (ticks % TimeSpan.TicksPerMillisecond < 0)
        {
            milliseconds--;
        }

        return new CqlTimestamp(milliseconds);
    }

    /// <summary>As a <see cref="DateTimeOffset"/> (UTC offset); throws <see cref="CqlCodecException"/> when outside years 1..9999.</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        if (!FitsDateTimeOffset)
        {
            throw new CqlCodecException($"The timestamp {Milliseconds} ms since 1970 is outside the range of DateTimeOffset (years 1 to 9999).");
        }

        return UnixEpoch.AddTicks(Milliseconds * TimeSpan.TicksPerMillisecond);
    }

    /// <summary>The value a timestamp decodes to: a <see cref="DateTimeOffset"/> when it fits one, else this.</summary>
    internal object ToValue() => FitsDateTimeOffset ? ToDateTimeOffset() : this;

    public override string ToString() => FitsDateTimeOffset
        ? ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : Milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";

    public bool Equals(CqlTimestamp other) => Milliseconds == other.Milliseconds;

    public override bool Equals(object? obj) => obj is CqlTimestamp other && Equals(other);

    public override int GetHashCode() => Milliseconds.GetHashCode();

    public int CompareTo(CqlTimestamp other) => Milliseconds.CompareTo(other.Milliseconds);

    /// <summary>True when both are equal (<see cref="Equals(CqlTimestamp)"/>).</summary>
    public static bool operator ==(CqlTimestamp left, CqlTimestamp right) => left.Equals(right);

    /// <summary>True when they differ (<see cref="Equals(CqlTimestamp)"/>).</summary>
    public static bool operator !=(CqlTimestamp left, CqlTimestamp right) => !left.Equals(right);

    /// <summary>Ordering by <see cref="CompareTo(CqlTimestamp)"/>.</summary>
    public static bool operator <(CqlTimestamp left, CqlTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTimestamp)"/>.</summary>
    public static bool operator <=(CqlTimestamp left, CqlTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTimestamp)"/>.</summary>
    public static bool operator >(CqlTimestamp left, CqlTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo(CqlTimestamp)"/>.</summary>
    public static bool operator >=(CqlTimestamp left, CqlTimestamp right) => left.CompareTo(right) >= 0;
}
