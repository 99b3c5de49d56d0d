using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Runs async engine work on a worker thread while the cmdlet's pipeline thread drains what the work posts
/// (progress, verbose, warnings, errors): PowerShell's Write* methods throw on any other thread.
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
            // The work already completed: late reports have nowhere to go.
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and drains the queue on the calling (pipeline) thread
    /// until the work ends; then returns its result or rethrows its exception.
    /// </summary>
    public T Run<T>(Cmdlet cmdlet, Func<Task<T>> work)
    {
        var task = Task.Run(work);
        task.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (var action in _queue.GetConsumingEnumerable()) action(cmdlet);
        // The pipeline thread has nothing else to do: blocking here is the cmdlet's contract, not library code.
        return task.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose() => _queue.Dispose();
}
