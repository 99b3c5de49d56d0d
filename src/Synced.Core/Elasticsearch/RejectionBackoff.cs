using System;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Exponential back-off with jitter between retries of rejected bulk items (429): the delay doubles from the
/// base up to the cap, and a random part (half to all of it) keeps many writers from retrying in step.
/// </summary>
internal sealed class RejectionBackoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _cap;
    private readonly Random _random;

    public RejectionBackoff(TimeSpan baseDelay, TimeSpan cap, int? seed = null)
    {
        _base = baseDelay;
        _cap = cap;
        _random = seed is null ? new Random() : new Random(seed.Value);
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var exponential = _base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, _cap.TotalMilliseconds);
        double fraction;
        lock (_random) fraction = 0.5 + _random.NextDouble() / 2;
        return TimeSpan.FromMilliseconds(capped * fraction);
    }

    public Task WaitAsync(int attempt, CancellationToken cancellationToken) => Task.Delay(DelayFor(attempt), cancellationToken);
}
