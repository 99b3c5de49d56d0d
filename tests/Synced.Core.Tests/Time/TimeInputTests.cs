using System;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Time;

public class TimeInputTests
{
    private static readonly DateTime Jan2015 = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Utc_datetime_is_kept_as_is()
        => Assert.Equal(Jan2015, TimeInput.ToUtc(Jan2015, "Begin"));

    [Fact]
    public void Unspecified_datetime_is_taken_as_utc()
    {
        var result = TimeInput.ToUtc(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), "Begin");
        Assert.Equal(Jan2015, result);
        Assert.Equal(DateTimeKind.Utc, result.Kind);
    }

    [Fact]
    public void Local_datetime_is_converted_to_utc()
    {
        var local = new DateTime(2015, 1, 1, 12, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), TimeInput.ToUtc(local, "Begin"));
    }

    [Fact]
    public void Datetimeoffset_is_converted_by_its_offset()
        => Assert.Equal(Jan2015, TimeInput.ToUtc(new DateTimeOffset(2015, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)), "Begin"));

    [Theory]
    [InlineData(1420070400)]
    [InlineData(1420070400L)]
    public void Integers_are_unix_epoch_seconds_like_the_original_cli(object seconds)
        => Assert.Equal(Jan2015, TimeInput.ToUtc(seconds, "Begin"));

    [Fact]
    public void Digit_strings_are_unix_epoch_seconds()
        => Assert.Equal(new DateTime(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc), TimeInput.ToUtc("1422748800", "End"));

    [Fact]
    public void Fractional_epoch_seconds_keep_their_fraction()
        => Assert.Equal(Jan2015.AddMilliseconds(250), TimeInput.ToUtc(1420070400.25, "Begin"));

    [Theory]
    [InlineData("2015-01-01T00:00:00Z")]
    [InlineData("2015-01-01T00:00:00.0000000Z")]
    [InlineData("2015-01-01T01:00:00+01:00")]
    [InlineData("2015-01-01")]
    [InlineData("2015-01-01T00:00:00")]
    public void Iso_8601_strings_are_accepted_and_no_offset_means_utc(string text)
        => Assert.Equal(Jan2015, TimeInput.ToUtc(text, "Begin"));

    [Fact]
    public void Iso_8601_keeps_100ns_precision()
        => Assert.Equal(Jan2015.AddTicks(1234567), TimeInput.ToUtc("2015-01-01T00:00:00.1234567Z", "Begin"));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1/2/2015")]
    [InlineData("")]
    [InlineData("2015-13-45")]
    public void Unparseable_strings_name_the_parameter_and_the_value(string text)
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => TimeInput.ToUtc(text, "Begin"));
        Assert.Equal("Begin", error.Parameter);
        Assert.StartsWith("-Begin '" + text.Trim() + "'", error.Message);
    }

    [Fact]
    public void Epoch_seconds_beyond_year_9999_are_refused()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => TimeInput.ToUtc(long.MaxValue, "End"));
        Assert.Contains("outside the years", error.Message);
        Assert.Contains("-End", error.Message);
    }

    [Fact]
    public void Other_types_are_refused_with_the_accepted_forms()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => TimeInput.ToUtc(new object(), "End"));
        Assert.Contains("ISO 8601", error.Message);
    }

    [Fact]
    public void Null_is_refused()
        => Assert.Throws<InvalidTimeRangeException>(() => TimeInput.ToUtc(null, "End"));
}
