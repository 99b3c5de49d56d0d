using System;
using Synced.Core.Time;
using Xunit;

namespace Synced.Core.Tests.Time;

public class RangeResolverTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    [Fact]
    public void Without_begin_or_checkpoint_the_range_starts_at_the_epoch_and_ends_now()
    {
        var resolved = RangeResolver.Resolve(null, null, Overlap, null, Now);
        Assert.Equal(UtcTime.Epoch, resolved.Range.Begin);
        Assert.Equal(Now, resolved.Range.End);
        Assert.Equal(RangeSource.Epoch, resolved.BeginSource);
    }

    [Fact]
    public void Without_begin_the_range_starts_at_the_checkpoint_minus_the_overlap()
    {
        var checkpoint = Now.AddHours(-1);
        var resolved = RangeResolver.Resolve(null, null, Overlap, checkpoint, Now);
        Assert.Equal(checkpoint - Overlap, resolved.Range.Begin);
        Assert.Equal(RangeSource.Checkpoint, resolved.BeginSource);
    }

    [Fact]
    public void A_custom_overlap_is_used()
    {
        var checkpoint = Now.AddHours(-1);
        var resolved = RangeResolver.Resolve(null, null, TimeSpan.FromMinutes(2), checkpoint, Now);
        Assert.Equal(checkpoint.AddMinutes(-2), resolved.Range.Begin);
    }

    [Fact]
    public void The_overlap_never_reaches_before_the_epoch()
    {
        var resolved = RangeResolver.Resolve(null, null, Overlap, UtcTime.Epoch.AddSeconds(2), Now);
        Assert.Equal(UtcTime.Epoch, resolved.Range.Begin);
    }

    [Fact]
    public void An_explicit_begin_wins_over_the_checkpoint()
    {
        var begin = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var resolved = RangeResolver.Resolve(begin, end, Overlap, Now.AddHours(-1), Now);
        Assert.Equal(new TimeRange(begin, end), resolved.Range);
        Assert.Equal(RangeSource.Explicit, resolved.BeginSource);
    }

    [Fact]
    public void Begin_equal_to_end_is_an_error_naming_begin()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.Resolve(Now.AddHours(-1), Now.AddHours(-1), Overlap, null, Now));
        Assert.Equal("Begin", error.Parameter);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Begin_after_end_is_an_error()
        => Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.Resolve(Now.AddHours(-1), Now.AddHours(-2), Overlap, null, Now));

    [Fact]
    public void A_checkpoint_after_an_explicit_end_is_an_error_that_says_how_to_fix_it()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.Resolve(null, Now.AddDays(-2), Overlap, Now.AddDays(-1), Now));
        Assert.Contains("Set-SyncedCheckpoint", error.Message);
    }

    [Fact]
    public void An_end_up_to_one_minute_in_the_future_is_accepted_for_clock_skew()
        => Assert.Equal(Now.AddSeconds(59), RangeResolver.Resolve(null, Now.AddSeconds(59), Overlap, null, Now).Range.End);

    [Fact]
    public void An_end_more_than_one_minute_in_the_future_is_an_error_naming_end()
    {
        var error = Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.Resolve(null, Now.AddMinutes(2), Overlap, null, Now));
        Assert.Equal("End", error.Parameter);
        Assert.Contains("future", error.Message);
    }

    [Fact]
    public void A_negative_overlap_is_an_error()
        => Assert.Throws<InvalidTimeRangeException>(() => RangeResolver.Resolve(null, null, TimeSpan.FromSeconds(-1), null, Now));
}
