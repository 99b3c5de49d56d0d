using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using Synced.Core.Engine;
using EngineDirection = Synced.Core.Model.SyncDirection;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Turns what a run reports into PowerShell's streams, on the pipeline thread: phases to -Verbose, skipped
/// tables to warnings, progress to Write-Progress (one bar per direction, throttled), failed entries to
/// non-terminating EntryNotSynced errors.
/// </summary>
internal sealed class PipelineObserver : ISyncObserver
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private readonly PipelineBridge _bridge;
    private readonly object _gate = new();
    private readonly Dictionary<EngineDirection, long> _lastProgress = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private const int MaxWarningsKept = 100;
    private readonly List<string> _warnings = new();

    public PipelineObserver(PipelineBridge bridge) => _bridge = bridge;

    /// <summary>
    /// Failed entries and tables go to -Verbose instead of the error stream while the run works (the caller
    /// stops on errors: one written now would cut the run short); the cmdlet reports them all at the end.
    /// </summary>
    public bool DeferErrors { get; set; }

    /// <summary>Activity id of a direction's progress bar.</summary>
    public static int ActivityId(EngineDirection direction) => direction == EngineDirection.ElasticsearchToCassandra ? 2 : 1;

    /// <summary>Progress bar title of a direction.</summary>
    public static string Activity(EngineDirection direction) => direction == EngineDirection.ElasticsearchToCassandra
        ? "Syncing Elasticsearch -> Cassandra"
        : "Syncing Cassandra -> Elasticsearch";

    public void OnPhase(string message) => _bridge.Post(c => c.WriteVerbose(message));

    public void OnWarning(string message)
    {
        lock (_warnings)
        {
            if (_warnings.Count < MaxWarningsKept && !_warnings.Contains(message)) _warnings.Add(message);
        }
        _bridge.Post(c => c.WriteWarning(message));
    }

    /// <summary>The warnings since the last call (server warnings, a stale lock taken over, ...), distinct, at most 100: for the run's result.</summary>
    public string[] TakeWarnings()
    {
        lock (_warnings)
        {
            var taken = _warnings.ToArray();
            _warnings.Clear();
            return taken;
        }
    }

    public void OnTableSkipped(Core.Engine.TableResult table)
    {
        var message = $"{table.Direction}: table '{table.Table}' skipped: {ParameterNames.Describe(table)}";
        _bridge.Post(c => c.WriteWarning(message));
    }

    public void OnProgress(SyncProgress progress)
    {
        var now = _clock.ElapsedTicks;
        lock (_gate)
        {
            if (_lastProgress.TryGetValue(progress.Direction, out var last) && now - last < ProgressInterval.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond)
                return;
            _lastProgress[progress.Direction] = now;
        }
        var record = new ProgressRecord(ActivityId(progress.Direction), Activity(progress.Direction),
            string.Format(CultureInfo.InvariantCulture, "Table {0} ({1} of {2}): {3:N0} read, {4:N0} written, {5:N0} not newer, {6:N0} failed, {7:N0}/s",
                progress.Table, progress.TableNumber, progress.TableCount, progress.Read, progress.Written, progress.SkippedNotNewer, progress.Failed, progress.ReadRate))
        {
            PercentComplete = progress.TableCount > 0 ? Math.Min(99, (progress.TableNumber - 1) * 100 / progress.TableCount) : -1,
        };
        _bridge.Post(c => c.WriteProgress(record));
    }

    public void OnEntryFailed(EntryFailure failure)
    {
        // An entry the source could not read has no id; its reason names it the source's way.
        var reason = ParameterNames.InText(failure.Reason);
        var message = failure.Id == Guid.Empty
            ? $"{failure.Direction}: an entry of table '{failure.Table}' was not synced: {reason}"
            : $"{failure.Direction}: entry {failure.Id} of table '{failure.Table}' (tmstmp {failure.Tmstmp:yyyy-MM-ddTHH:mm:ss.fffffffZ}) was not synced: {reason}";
        var target = failure.Id == Guid.Empty ? failure.Table : $"{failure.Table}/{failure.Id}";
        if (DeferErrors)
        {
            _bridge.Post(c => c.WriteVerbose(message));
            return;
        }
        _bridge.Post(c => c.WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.EntryNotSynced, failure.Id == Guid.Empty ? ErrorCategory.ReadError : ErrorCategory.WriteError, target)));
    }

    public void OnTableFailed(Core.Engine.TableResult table)
    {
        var message = $"{table.Direction}: table '{table.Table}' was not synced: {ParameterNames.Describe(table)}";
        if (DeferErrors) _bridge.Post(c => c.WriteVerbose(message));
        else _bridge.Post(c => c.WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.TableNotSynced, ErrorCategory.OperationStopped, table.Table)));
    }

    /// <summary>Closes the progress bars of both directions.</summary>
    public static void Complete(Cmdlet cmdlet)
    {
        foreach (var direction in new[] { EngineDirection.CassandraToElasticsearch, EngineDirection.ElasticsearchToCassandra })
            cmdlet.WriteProgress(new ProgressRecord(ActivityId(direction), Activity(direction), "Done") { RecordType = ProgressRecordType.Completed });
    }
}
