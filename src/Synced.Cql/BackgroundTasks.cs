using System.Threading.Tasks;

namespace Synced.Cql;

/// <summary>Work started and not awaited (refreshes, pool growth, a prefetched page nobody reads).</summary>
internal static class BackgroundTasks
{
    /// <summary>
    /// Lets <paramref name="task"/> run on alone: a failure is observed and dropped, so it never comes back as an
    /// unobserved task exception; whoever needs the outcome asks again and gets the error then.
    /// </summary>
    public static void Forget(this Task task) => task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
}
