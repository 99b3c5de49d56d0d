using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>What Compare-SyncedData and Repair-SyncedData share: the comparison's options and a worker that stops with the pipeline.</summary>
public abstract class SyncedDataCmdlet : SyncedConnectionCmdlet
{
    /// <summary>The comparison options of the parameters; bad ones become InvalidTimeRange / InvalidConfiguration errors.</summary>
    private protected ComparisonOptions BuildComparisonOptions(string[]? table, string[]? excludeTable, DateTime? begin, DateTime? end)
    {
        if (begin is { } b && end is { } e && b >= e)
            ThrowTerminatingError(new ErrorRecord(
                new InvalidTimeRangeException("Begin", UtcTime.Format(b), $"the range is empty: -Begin must be before -End {UtcTime.Format(e)}"),
                ErrorIds.InvalidTimeRange, ErrorCategory.InvalidArgument, b));
        try
        {
            return new ComparisonOptions
            {
                Tables = new TableSelection(table, excludeTable),
                Begin = begin is { } first ? UtcTime.Normalize(first) : null,
                End = end is { } last ? UtcTime.Normalize(last) : null,
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, table));
            throw; // not reached
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a worker (see <c>RunOnWorker</c>) with a token that Ctrl+C cancels, and that is
    /// also cancelled when the pipeline thread fails while writing, e.g. when <c>Select-Object -First</c> downstream has
    /// what it wanted: the work stops and lets go of the clusters before the error goes on. A -Table pattern that
    /// matches nothing becomes a terminating TableNotFound error.
    /// </summary>
    private protected T RunStoppable<T>(PipelineBridge bridge, Func<CancellationToken, Task<T>> work)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        var finished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            return RunOnWorker(bridge, async () =>
            {
                try
                {
                    return await work(stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    finished.TrySetResult(true);
                }
            });
        }
        catch (TableNotFoundException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.TableNotFound, ErrorCategory.ObjectNotFound, string.Join(", ", ex.Patterns)));
            throw; // not reached
        }
        catch when (!finished.Task.IsCompleted)
        {
            stop.Cancel();
            // Blocking the pipeline thread is the cmdlet's contract here: the worker must let go of the stores first.
            finished.Task.Wait(TimeSpan.FromSeconds(30));
            throw;
        }
    }

    /// <summary>What a comparison did not cover, in a sentence per cause (the entries it could not read point at their errors); null when it covered everything.</summary>
    private protected static string? DescribeShortfall(ComparisonResult comparison)
    {
        if (comparison.Complete) return null;
        var causes = comparison.FailedTables.ToList();
        if (comparison.Unreadable > 0) causes.Add($"{comparison.Unreadable} entries could not be read (see the {ErrorIds.EntryNotCompared} errors)");
        return string.Join("; ", causes);
    }
}
