using System;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Time;

public class RangeResolverTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    [Fact]
    public void Without_begin_or_watermark_the_range_starts_at_the_epoch_and_ends_now()
    {
        var end = RangeResolver.ResolveEnd(null, Overlap, Now);
        var range = RangeResolver.RangeFor(RangeResolver.ResolveBegin(null, end), null, Overlap, end)!.Value;
        Assert.Equal(UtcTime.Epoch, range.Begin);
        Assert.Equal(Now, range.End);
    }

    [Fact]
    public void Without_begin_the_range_starts_at_the_watermark_minus_the_overlap()
    {
        var watermark = Now.AddHours(-1);
        Assert.Equal(watermark - Overlap, RangeResolver.RangeFor(null, watermark, Overlap, Now)!.Value.Begin);
    }

    [Fact]
    public void A_custom_overlap_is_used()
    {
        var watermark = Now.AddHours(-1);
        Assert.Equal(watermark.AddMinutes(-2), RangeResolver.RangeFor(null, watermark, TimeSpan.FromMinutes(2), Now)!.Value.Begin);
    }

    [Fact]
    public void The_overlap_never_reaches_before_the_epoch()
        => Assert.Equal(UtcTime.Epoch, RangeResolver.RangeFor(null, UtcTime.Epoch.AddSeconds(2), Overlap, Now)!.Value.Begin);

    [Fact]
    public void An_explicit_begin_wins_over_the_watermark()
    {
        var begin = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = RangeResolver.ResolveEnd(new DateTime(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc), Overlap, Now);
        var range = RangeResolver.RangeFor(RangeResolver.ResolveBegin(begin, end), Now.AddHours(-1), Overlap, end);
        Assert.Equal(new TimeRange(begin, end), range);
    }

    [Fact]
    public void Begin_equal_to_end_is_an_error_naming_begin()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.ResolveBegin(Now.AddHours(-1), Now.AddHours(-1)));
        Assert.Equal("Begin", error.Parameter);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Begin_after_end_is_an_error()
        => Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.ResolveBegin(Now.AddHours(-1), Now.AddHours(-2)));

    [Fact]
    public void A_watermark_at_or_after_the_end_leaves_that_table_nothing_to_sync()
    {
        Assert.Null(RangeResolver.RangeFor(null, Now.AddDays(-1), TimeSpan.Zero, Now.AddDays(-2)));
        Assert.Null(RangeResolver.RangeFor(null, Now, TimeSpan.Zero, Now));
    }

    [Fact]
    public void An_end_up_to_one_minute_in_the_future_is_accepted_for_clock_skew()
        => Assert.Equal(Now.AddSeconds(59), RangeResolver.ResolveEnd(Now.AddSeconds(59), Overlap, Now));

    [Fact]
    public void An_end_more_than_one_minute_in_the_future_is_an_error_naming_end()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.ResolveEnd(Now.AddMinutes(2), Overlap, Now));
        Assert.Equal("End", error.Parameter);
        Assert.Contains("future", error.Message);
    }

    [Fact]
    public void An_end_at_the_epoch_is_an_error()
        => Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.ResolveEnd(UtcTime.Epoch, Overlap, Now));

    [Fact]
    public void A_negative_overlap_is_an_error()
        => Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.ResolveEnd(null, TimeSpan.FromSeconds(-1), Now));
}
