using System;
using Synced.Core.Model;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Time;

public class UtcTimeTests
{
    private static readonly DateTime Jan2015 = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Truncation_to_microseconds_drops_only_the_last_digit()
        => Assert.Equal(Jan2015.AddTicks(1234560), UtcTime.TruncateToMicroseconds(Jan2015.AddTicks(1234567)));

    [Fact]
    public void Newer_compares_at_milliseconds_and_equal_is_not_newer()
    {
        var stored = Base.AddMilliseconds(5);
        Assert.False(UtcTime.IsNewer(stored.AddTicks(9999), stored, TimestampPrecision.Milliseconds));
        Assert.False(UtcTime.IsNewer(stored, stored, TimestampPrecision.Milliseconds));
        Assert.True(UtcTime.IsNewer(stored.AddMilliseconds(1), stored, TimestampPrecision.Milliseconds));
        Assert.False(UtcTime.IsNewer(stored.AddTicks(-1), stored, TimestampPrecision.Milliseconds));
    }

    [Fact]
    public void Epoch_milliseconds_round_down_also_before_1970()
    {
        Assert.Equal(1L, UtcTime.ToUnixMilliseconds(new DateTime(1970, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc).AddTicks(9999)));
        Assert.Equal(-1L, UtcTime.ToUnixMilliseconds(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1)));
    }

    [Fact]
    public void Newer_at_tick_precision_is_any_later_tick()
    {
        Assert.True(UtcTime.IsNewer(Base.AddTicks(1), Base, TimestampPrecision.Ticks));
        Assert.False(UtcTime.IsNewer(Base, Base, TimestampPrecision.Ticks));
    }

    [Fact]
    public void Unix_milliseconds_give_the_instant_within_the_years_0001_to_9999_and_null_beyond()
    {
        Assert.Equal(Base, UtcTime.FromUnixMilliseconds(1704067200000L));
        Assert.Equal(DateTimeKind.Utc, UtcTime.FromUnixMilliseconds(0)!.Value.Kind);
        Assert.Equal(new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), UtcTime.FromUnixMilliseconds(-62135596800000L));
        Assert.Null(UtcTime.FromUnixMilliseconds(-62135596800001L));
        Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), UtcTime.FromUnixMilliseconds(253402300799999L));
        Assert.Null(UtcTime.FromUnixMilliseconds(long.MaxValue));
    }

    [Fact]
    public void Unspecified_is_taken_as_UTC_and_local_is_converted()
    {
        Assert.Equal(Jan2015, UtcTime.Normalize(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(DateTimeKind.Utc, UtcTime.Normalize(new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)).Kind);
        var local = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), UtcTime.Normalize(local));
    }

    [Fact]
    public void Times_print_as_ISO_8601_in_UTC_with_ticks_or_milliseconds()
    {
        var moment = Jan2015.AddTicks(1234567);
        Assert.Equal("2015-01-01T00:00:00.1234567Z", UtcTime.Format(moment));
        Assert.Equal("2015-01-01T00:00:00.123Z", UtcTime.FormatMilliseconds(moment));
        Assert.Equal("2015-01-01T00:00:00.123Z", UtcTime.FormatMilliseconds(DateTime.SpecifyKind(moment, DateTimeKind.Unspecified)));
    }
}
