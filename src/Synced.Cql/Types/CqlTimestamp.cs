using System;

namespace Synced.Cql.Types;

/// <summary>
/// A CQL <c>timestamp</c> as its raw milliseconds since 1970. Timestamps decode as <see cref="DateTimeOffset"/>; only
/// those outside its years 1..9999 decode as this type, so that no stored value is unreadable or lost.
/// </summary>
public readonly struct CqlTimestamp : IEquatable<CqlTimestamp>, IComparable<CqlTimestamp>
{
    public CqlTimestamp(long milliseconds) => Milliseconds = milliseconds;

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    public long Milliseconds { get; }

    /// <summary>True when the value fits a <see cref="DateTimeOffset"/>.</summary>
    public bool FitsDateTimeOffset => Milliseconds >= TypeCodec.MinTimestampMilliseconds && Milliseconds <= TypeCodec.MaxTimestampMilliseconds;

    /// <summary>As a <see cref="DateTimeOffset"/>; throws when outside years 1..9999.</summary>
    public DateTimeOffset ToDateTimeOffset() => TypeCodec.TimestampFromMilliseconds(Milliseconds);

    public override string ToString() => FitsDateTimeOffset
        ? ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : Milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";

    public bool Equals(CqlTimestamp other) => Milliseconds == other.Milliseconds;

    public override bool Equals(object? obj) => obj is CqlTimestamp other && Equals(other);

    public override int GetHashCode() => Milliseconds.GetHashCode();

    public int CompareTo(CqlTimestamp other) => Milliseconds.CompareTo(other.Milliseconds);
}
