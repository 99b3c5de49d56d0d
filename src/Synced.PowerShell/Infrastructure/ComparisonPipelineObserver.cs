using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Engine;
using CoreDifference = Synced.Core.Comparison.Difference;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Turns what a comparison or repair reports into PowerShell's streams, on the pipeline thread: phases to -Verbose,
/// skipped tables to warnings, progress to Write-Progress (throttled), failed tables and unreadable entries to
/// TableNotCompared / EntryNotCompared errors, entries not repaired to EntryNotSynced errors. Differences go to the
/// cmdlet's own handler with backpressure: the comparison waits while too many are on their way to the pipeline.
/// </summary>
internal sealed class ComparisonPipelineObserver : IComparisonObserver, IRepairObserver, IDisposable
{
    /// <summary>Activity id of the comparison's progress bar.</summary>
    public const int CompareActivityId = 11;

    /// <summary>Activity id of the repair's progress bar.</summary>
    public const int RepairActivityId = 12;

    private const int MaxDifferencesInFlight = 256;
    private static readonly long ProgressInterval = Stopwatch.Frequency / 4;
    private readonly SemaphoreSlim _inFlight = new(MaxDifferencesInFlight, MaxDifferencesInFlight);
    private readonly Func<Cmdlet, CoreDifference, bool> _onDifference;
    private readonly Action<Cmdlet, TableComparison>? _onTableDone;
    private long _lastCompareProgress = long.MinValue / 2;
    private long _lastRepairProgress = long.MinValue / 2;

    /// <param name="onDifference">On the pipeline thread, per difference: output it, or decide whether to repair it (the result).</param>
    /// <param name="onTableDone">On the pipeline thread, after a table's differences (e.g. write its summary).</param>
    public ComparisonPipelineObserver(Func<Cmdlet, CoreDifference, bool> onDifference, Action<Cmdlet, TableComparison>? onTableDone)
    {
        _onDifference = onDifference;
        _onTableDone = onTableDone;
    }

    /// <summary>
    /// Errors go to -Verbose while the work goes on (the caller stops on errors: one written now would cut the
    /// work short); the cmdlet closes with one error that says what was not done.
    /// </summary>
    public bool DeferErrors { get; set; }

    /// <summary>The bridge of the worker now running (set before each <c>RunOnWorker</c>).</summary>
    public PipelineBridge? Bridge { get; set; }

    private void Post(Action<Cmdlet> action) => Bridge?.Post(action);

    private void PostError(ErrorRecord record)
    {
        if (DeferErrors) Post(c => c.WriteVerbose(record.Exception.Message));
        else Post(c => c.WriteError(record));
    }

    public void OnPhase(string message) => Post(c => c.WriteVerbose(message));

    public void OnTableSkipped(TableComparison table)
    {
        var message = $"Table '{table.Table}' was not compared: {ParameterNames.Describe(table)}";
        Post(c => c.WriteWarning(message));
    }

    public void OnTableFailed(TableComparison table)
        => PostError(new ErrorRecord(new InvalidOperationException($"Table '{table.Table}' could not be compared: {table.Message}"),
            ErrorIds.TableNotCompared, ErrorCategory.ReadError, table.Table));

    public void OnEntryUnreadable(string table, string side, string sourceKey, string reason)
        => PostError(new ErrorRecord(
            new InvalidOperationException($"{side} holds '{sourceKey}' in table '{table}' but cannot read it as an entry, so it was not compared: {reason}"),
            ErrorIds.EntryNotCompared, ErrorCategory.ReadError, $"{table}/{sourceKey}"));

    public void OnProgress(ComparisonProgress progress)
    {
        if (!Due(ref _lastCompareProgress)) return;
        var record = new ProgressRecord(CompareActivityId, "Comparing Cassandra and Elasticsearch",
            string.Format(CultureInfo.InvariantCulture, "Table {0} ({1} of {2}), {3}: {4:N0} Cassandra and {5:N0} Elasticsearch ids, {6:N0} differences, {7:N0} ids/s",
                progress.Table, progress.TableNumber, progress.TableCount, progress.Phase, progress.CassandraRead, progress.ElasticsearchRead,
                progress.Differences, progress.ReadRate))
        {
            PercentComplete = progress.TableCount > 0 ? Math.Min(99, (progress.TableNumber - 1) * 100 / progress.TableCount) : -1,
        };
        Post(c => c.WriteProgress(record));
    }

    public async Task OnDifferenceAsync(CoreDifference difference, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        Post(c =>
        {
            try
            {
                _onDifference(c, difference);
            }
            finally
            {
                _inFlight.Release();
            }
        });
    }

    /// <summary>
    /// Asks the pipeline thread about one difference (ShouldProcess) and waits for the answer; the comparison pauses
    /// meanwhile, so at most one question is open.
    /// </summary>
    public async Task<bool> DecideAsync(CoreDifference difference, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(c =>
        {
            try
            {
                answer.TrySetResult(_onDifference(c, difference));
            }
            catch (Exception ex)
            {
                // The pipeline is stopping (or the host failed): the worker stops too, the pipeline thread rethrows.
                answer.TrySetException(ex);
                throw;
            }
        });
        using (cancellationToken.Register(() => answer.TrySetCanceled()))
            return await answer.Task.ConfigureAwait(false);
    }

    public async Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken)
    {
        if (_onTableDone is null) return;
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        Post(c =>
        {
            try
            {
                _onTableDone(c, result);
            }
            finally
            {
                _inFlight.Release();
            }
        });
    }

    public void OnEntryFailed(EntryFailure failure)
    {
        var message = $"{failure.Direction}: entry {failure.Id} of table '{failure.Table}' was not repaired: {failure.Reason}";
        PostError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.EntryNotSynced, ErrorCategory.WriteError, $"{failure.Table}/{failure.Id}"));
    }

    public void OnProgress(RepairProgress progress)
    {
        if (!Due(ref _lastRepairProgress)) return;
        var record = new ProgressRecord(RepairActivityId, "Repairing differences",
            string.Format(CultureInfo.InvariantCulture, "Table {0}, {1}: {2:N0} read, {3:N0} written, {4:N0} not newer, {5:N0} failed",
                progress.Table, progress.Direction, progress.Read, progress.Written, progress.SkippedNotNewer, progress.Failed));
        Post(c => c.WriteProgress(record));
    }

    private static bool Due(ref long last)
    {
        var now = Stopwatch.GetTimestamp();
        var previous = Interlocked.Read(ref last);
        return now - previous >= ProgressInterval && Interlocked.CompareExchange(ref last, now, previous) == previous;
    }

    /// <summary>Releases the in-flight limit; only once the work that reports here has ended.</summary>
    public void Dispose() => _inFlight.Dispose();

    /// <summary>Closes both progress bars.</summary>
    public static void Complete(Cmdlet cmdlet)
    {
        cmdlet.WriteProgress(new ProgressRecord(CompareActivityId, "Comparing Cassandra and Elasticsearch", "Done") { RecordType = ProgressRecordType.Completed });
        cmdlet.WriteProgress(new ProgressRecord(RepairActivityId, "Repairing differences", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
