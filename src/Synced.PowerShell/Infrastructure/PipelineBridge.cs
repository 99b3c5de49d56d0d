using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Runs async engine work on a worker thread while the cmdlet's pipeline thread drains what the work posts
/// (results, progress, verbose, warnings, errors): PowerShell's Write* methods throw on any other thread.
/// </summary>
internal sealed class PipelineBridge : IDisposable
{
    private readonly BlockingCollection<Action<Cmdlet>> _queue = new();

    /// <summary>Queues an action to run on the pipeline thread. Ignored once the work has ended.</summary>
    public void Post(Action<Cmdlet> action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The work already completed (or the bridge is gone): late reports have nowhere to go.
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and drains the queue on the calling (pipeline) thread
    /// until the work ends; then returns its result or rethrows its exception. When the pipeline refuses a
    /// write (stopped by Ctrl+C, or an error the caller stops on), the work is told to stop through
    /// <paramref name="stopWork"/> and is still waited for, so it ends at a safe point (locks released,
    /// watermarks written) before the refusal is rethrown.
    /// </summary>
    public T Run<T>(Cmdlet cmdlet, Func<Task<T>> work, CancellationTokenSource? stopWork = null)
    {
        var task = Task.Run(work);
        task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ExceptionDispatchInfo? refused = null;
        foreach (var action in _queue.GetConsumingEnumerable())
        {
            if (refused is not null) continue; // nothing more can be written: just wait for the work to stop
            try
            {
                action(cmdlet);
            }
            catch (Exception ex)
            {
                refused = ExceptionDispatchInfo.Capture(ex);
                try
                {
                    stopWork?.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
        if (refused is not null)
        {
            _ = task.Exception; // observed: the refusal is what the caller hears about
            refused.Throw();
        }
        // The pipeline thread has nothing else to do: blocking here is the cmdlet's contract, not library code.
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose() => _queue.Dispose();
}
