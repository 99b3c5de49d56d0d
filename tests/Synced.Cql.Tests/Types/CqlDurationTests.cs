using System;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

/// <summary>CQL duration literals, read by the rules of Cassandra's Duration.from.</summary>
public class CqlDurationTests
{
    private const long Hour = 3_600_000_000_000L;
    private const long Minute = 60_000_000_000L;
    private const long Second = 1_000_000_000L;

    [Theory]
    [InlineData("1y2mo3w4d5h6m7s8ms9us10ns", 14, 25, 5 * Hour + 6 * Minute + 7 * Second + 8_009_010L)]
    [InlineData("12h30m", 0, 0, 12 * Hour + 30 * Minute)]
    [InlineData("4MO", 4, 0, 0L)]
    [InlineData("3µs", 0, 0, 3_000L)]
    [InlineData("3µS", 0, 0, 3_000L)]
    [InlineData("3Us", 0, 0, 3_000L)]
    [InlineData("-2d3h", 0, -2, -3 * Hour)]
    [InlineData("0s", 0, 0, 0L)]
    public void The_unit_form_takes_numbers_with_units_in_any_case(string text, int months, int days, long nanoseconds)
        => Assert.Equal(new CqlDuration(months, days, nanoseconds), CqlDuration.Parse(text));

    [Theory]
    [InlineData("P1Y2M3DT4H5M6S", 14, 3, 4 * Hour + 5 * Minute + 6 * Second)]
    [InlineData("PT4H", 0, 0, 4 * Hour)]
    [InlineData("P3D", 0, 3, 0L)]
    [InlineData("P1M", 1, 0, 0L)]
    [InlineData("PT1M", 0, 0, Minute)]
    [InlineData("-P1DT1S", 0, -1, -Second)]
    [InlineData("P2W", 0, 14, 0L)]
    [InlineData("-P2W", 0, -14, 0L)]
    [InlineData("P0001-02-03T04:05:06", 14, 3, 4 * Hour + 5 * Minute + 6 * Second)]
    [InlineData("-P0000-00-01T00:00:00", 0, -1, 0L)]
    [InlineData("P", 0, 0, 0L)]
    [InlineData("PT", 0, 0, 0L)]
    public void The_ISO_8601_forms_parse(string text, int months, int days, long nanoseconds)
        => Assert.Equal(new CqlDuration(months, days, nanoseconds), CqlDuration.Parse(text));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-", "empty")]
    [InlineData("1h30", "no unit")]
    [InlineData("3 fortnights", "' fortnights' is no unit")]
    [InlineData("1x", "'x' is no unit")]
    [InlineData("30m1h", "the hours come after the minutes")]
    [InlineData("1h1h", "the hours are given twice")]
    [InlineData("1Mo1mO", "the months are given twice")]
    [InlineData("1d1w", "the weeks come after the days")]
    [InlineData("p1d", "a number was expected at position 0")]
    [InlineData("P1H", "'H' at position 2")]
    [InlineData("PT1D", "'D' at position 3")]
    [InlineData("P1DT1H2D", "'D'")]
    [InlineData("P1D1Y", "the years come after the days")]
    [InlineData("P1Y2W", "PnW")]
    [InlineData("P1", "no designator")]
    [InlineData("P0001-2-03T04:05:06", "PYYYY-MM-DDThh:mm:ss")]
    [InlineData("P0001-02-03 04:05:06", "PYYYY-MM-DDThh:mm:ss")]
    [InlineData("2147483648mo", "exceed 2147483647")]
    [InlineData("178956971y", "exceed 2147483647")]
    [InlineData("2147483647d1w", "the weeks come after the days")]
    [InlineData("306783379w1d", "exceed 2147483647")]
    [InlineData("2562048h", "nanoseconds exceed")]
    [InlineData("9223372036854775807ns1ns", "the nanoseconds are given twice")]
    [InlineData("9223372036854775808ns", "too large")]
    [InlineData("1d 2h", "no unit")]
    [InlineData(" 1d", "a number was expected")]
    public void Malformed_or_too_long_text_is_refused_naming_the_text_and_why(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => CqlDuration.Parse(text));
        Assert.Contains($"'{text}' is not a duration", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.False(CqlDuration.TryParse(text, out _));
    }

    [Fact]
    public void The_largest_durations_parse_and_one_more_unit_does_not()
    {
        Assert.Equal(new CqlDuration(int.MaxValue, int.MaxValue, long.MaxValue), CqlDuration.Parse("2147483647mo2147483647d9223372036854775807ns"));
        Assert.Equal(new CqlDuration(-int.MaxValue, 0, 0), CqlDuration.Parse("-2147483647mo"));
        Assert.Throws<FormatException>(() => CqlDuration.Parse("1y2147483636mo"));
    }

    [Fact]
    public void Every_duration_prints_as_text_that_parses_back_to_it()
    {
        var durations = new[]
        {
            new CqlDuration(0, 0, 0), new CqlDuration(14, 3, 4_000_000_005L), new CqlDuration(-1, -2, -3),
            new CqlDuration(0, 0, long.MaxValue), new CqlDuration(int.MaxValue, int.MaxValue, 1), new CqlDuration(-int.MaxValue, -int.MaxValue, -long.MaxValue),
        };
        foreach (var duration in durations)
            Assert.Equal(duration, CqlDuration.Parse(duration.ToString()));
    }

    [Fact]
    public void TryParse_gives_false_for_null_and_the_duration_for_a_literal()
    {
        Assert.False(CqlDuration.TryParse(null, out _));
        Assert.True(CqlDuration.TryParse("P2W", out var twoWeeks));
        Assert.Equal(new CqlDuration(0, 14, 0), twoWeeks);
        Assert.Throws<ArgumentNullException>(() => CqlDuration.Parse(null!));
    }
}
