using System;
using Synced.Core.Scheduling;
using Xunit;

namespace Synced.Core.Tests.Scheduling;

public class RunScheduleTests
{
    private static readonly DateTime T = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_next_tick_is_the_first_on_the_grid_after_the_run_ended()
    {
        var schedule = new RunSchedule(Minute);
        Assert.Equal(T + Minute, schedule.NextTick(T, T, T.AddSeconds(5)));
        Assert.Equal(T + 4 * Minute, schedule.NextTick(T, T + Minute, T.AddSeconds(190)));
        Assert.Equal(T + 2 * Minute, schedule.NextTick(T, T + Minute, T + 2 * Minute)); // ended on a tick: that tick
        Assert.Equal(T + Minute, schedule.NextTick(T, T, T)); // took no time: never the same tick twice
    }

    [Fact]
    public void Backoff_doubles_from_the_interval_and_stops_at_the_cap()
    {
        var schedule = new RunSchedule(Minute, TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, schedule.Backoff(0));
        Assert.Equal(Minute, schedule.Backoff(1));
        Assert.Equal(2 * Minute, schedule.Backoff(2));
        Assert.Equal(8 * Minute, schedule.Backoff(4));
        Assert.Equal(10 * Minute, schedule.Backoff(5));
        Assert.Equal(10 * Minute, schedule.Backoff(int.MaxValue));
    }

    [Fact]
    public void The_cap_is_never_shorter_than_the_interval()
    {
        var schedule = new RunSchedule(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromHours(1), schedule.MaxBackoff);
        Assert.Equal(TimeSpan.FromHours(1), schedule.Backoff(3));
    }

    [Fact]
    public void After_failures_the_next_start_is_the_backoff_after_the_end()
    {
        var schedule = new RunSchedule(Minute);
        Assert.Equal(T.AddSeconds(5) + 2 * Minute, schedule.NextStart(T, T, T.AddSeconds(5), failuresInARow: 2));
        Assert.Equal(T + Minute, schedule.NextStart(T, T, T.AddSeconds(5), failuresInARow: 0));
    }

    [Fact]
    public void An_interval_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunSchedule(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunSchedule(Minute, TimeSpan.FromSeconds(-1)));
    }
}
