using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Scheduling;

namespace Synced.Core.Tests.Scheduling;

/// <summary>A clock that only moves when told: a wait moves it forward by the wait at once.</summary>
internal sealed class FakeClock : SchedulerClock
{
    private DateTime _now;

    public FakeClock(DateTime start) => _now = start;

    public override DateTime UtcNow => _now;

    /// <summary>Every wait the loop asked for, in order.</summary>
    public List<TimeSpan> Waits { get; } = new();

    public void Advance(TimeSpan by) => _now += by;

    public override Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waits.Add(delay);
        _now += delay;
        return Task.CompletedTask;
    }
}
