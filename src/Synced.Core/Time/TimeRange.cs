using System;

namespace Synced.Core.Time;

/// <summary>A half-open range of change times [Begin, End), UTC.</summary>
public readonly struct TimeRange : IEquatable<TimeRange>
{
    /// <summary>Creates a range; <paramref name="begin"/> must be before <paramref name="end"/>.</summary>
    public TimeRange(DateTime begin, DateTime end)
    {
        if (begin.Kind != DateTimeKind.Utc || end.Kind != DateTimeKind.Utc)
            throw new ArgumentException("range bounds must be UTC");
        if (begin >= end)
            throw new ArgumentException($"begin {begin:O} must be before end {end:O}");
        Begin = begin;
        End = end;
    }

    /// <summary>First instant included.</summary>
    public DateTime Begin { get; }

    /// <summary>First instant excluded.</summary>
    public DateTime End { get; }

    /// <summary>True when <paramref name="instant"/> lies in [Begin, End).</summary>
    public bool Contains(DateTime instant) => instant >= Begin && instant < End;

    /// <inheritdoc />
    public bool Equals(TimeRange other) => Begin == other.Begin && End == other.End;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Begin.GetHashCode() * 31 + End.GetHashCode();

    /// <summary>True when both ranges have the same begin and end.</summary>
    public static bool operator ==(TimeRange left, TimeRange right) => left.Equals(right);

    /// <summary>True when the ranges differ in begin or end.</summary>
    public static bool operator !=(TimeRange left, TimeRange right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => $"[{Begin:yyyy-MM-ddTHH:mm:ss.fffffffZ}, {End:yyyy-MM-ddTHH:mm:ss.fffffffZ})";
}
