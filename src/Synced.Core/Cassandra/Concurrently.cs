using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Cassandra;

/// <summary>Bounded concurrent work over the indices of a list: the store's requests in flight at once.</summary>
internal static class Concurrently
{
    /// <summary>
    /// Runs <paramref name="work"/> for each index below <paramref name="count"/>, at most <paramref name="limit"/> at
    /// once. Even when cancelled, the calls under way finish (or observe the cancellation) before this returns.
    /// </summary>
    public static async Task ForEachAsync(int count, int limit, Func<int, Task> work, CancellationToken cancellationToken)
    {
        if (count == 0) return;
        if (count == 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await work(0).ConfigureAwait(false);
            return;
        }
        if (count <= limit)
        {
            // All at once anyway: no gate to take and give back for each.
            var all = new List<Task>(count);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    all.Add(Start(work, i));
                }
            }
            finally
            {
                await Task.WhenAll(all).ConfigureAwait(false);
            }
            return;
        }
        using var gate = new SemaphoreSlim(limit, limit);
        var tasks = new List<Task>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                tasks.Add(RunAsync(i));
            }
        }
        finally
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        static Task Start(Func<int, Task> work, int index)
        {
            try
            {
                return work(index);
            }
            catch (Exception ex)
            {
                // A call that throws before it returns a task fails like one whose task faults.
                return Task.FromException(ex);
            }
        }

        async Task RunAsync(int index)
        {
            try
            {
                await work(index).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
