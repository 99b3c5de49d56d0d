using System;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Scheduling;

/// <summary>
/// The time and the waiting of the continuous loop, so tests can run hours of schedule in no time with a
/// clock of their own.
/// </summary>
public abstract class SchedulerClock
{
    /// <summary>The machine's clock and real waiting.</summary>
    public static SchedulerClock System { get; } = new SystemClock();

    /// <summary>Now, UTC.</summary>
    public abstract DateTime UtcNow { get; }

    /// <summary>Waits <paramref name="delay"/>; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public abstract Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);

    private sealed class SystemClock : SchedulerClock
    {
        // Task.Delay takes at most int.MaxValue ms (about 24.8 days); longer waits go in steps.
        private static readonly TimeSpan LongestStep = TimeSpan.FromDays(24);

        public override DateTime UtcNow => DateTime.UtcNow;

        public override async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            while (delay > TimeSpan.Zero)
            {
                var step = delay > LongestStep ? LongestStep : delay;
                await Task.Delay(step, cancellationToken).ConfigureAwait(false);
                delay -= step;
            }
        }
    }
}
