using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>The store's bounded concurrency: how many calls run at once, and how a failure comes back.</summary>
public class ConcurrentlyTests
{
    private static Func<int, Task> Counting(int[] ran, Action<int> whileRunning, TaskCompletionSource? release = null)
    {
        var running = 0;
        return async i =>
        {
            var now = Interlocked.Increment(ref running);
            whileRunning(now);
            await (release?.Task ?? Task.Delay(1));
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref ran[i]);
        };
    }

    [Fact]
    public async Task More_calls_than_the_limit_run_at_most_the_limit_at_once_and_every_one_runs()
    {
        var ran = new int[40];
        var most = 0;
        await Concurrently.ForEachAsync(40, 3, Counting(ran, now => InterlockedMax(ref most, now)), CancellationToken.None);

        Assert.All(ran, r => Assert.Equal(1, r));
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task Calls_within_the_limit_all_start_at_once()
    {
        var ran = new int[5];
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = Concurrently.ForEachAsync(5, 8, Counting(ran, now => InterlockedMax(ref most, now), release), CancellationToken.None);

        Assert.Equal(5, Volatile.Read(ref most));
        release.SetResult();
        await all;
        Assert.All(ran, r => Assert.Equal(1, r));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(2)]
    public async Task A_call_that_throws_before_returning_a_task_fails_the_whole_after_the_others_finished(int limit)
    {
        var finished = 0;
        Task Work(int i)
        {
            if (i == 1) throw new InvalidOperationException("boom");
            return Task.Run(async () =>
            {
                await Task.Delay(20);
                Interlocked.Increment(ref finished);
            });
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Concurrently.ForEachAsync(4, limit, Work, CancellationToken.None));

        Assert.Equal("boom", error.Message);
        Assert.Equal(3, Volatile.Read(ref finished));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
