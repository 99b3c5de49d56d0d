using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Metrics;
using Synced.Core.Model;
using Synced.Core.Scheduling;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;
using Synced.PowerShell.Parameters;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Syncs a Cassandra keyspace and an Elasticsearch index in both directions.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SyncedRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Synced.RunResult))]
public sealed class InvokeSyncedRunCommand : SyncedConnectionCmdlet
{
    /// <summary>The Cassandra keyspace.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Keyspace { get; set; } = null!;

    /// <summary>The Elasticsearch index (PerTable: the alias over the table indices).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Index { get; set; } = null!;

    /// <summary>First change time to sync (included), for every table. Default: each table's watermark minus -Overlap, else the epoch.</summary>
    [Parameter]
    [SyncedTime("Begin")]
    public DateTime? Begin { get; set; }

    /// <summary>First change time not synced (excluded). Default: the moment the run starts.</summary>
    [Parameter]
    [SyncedTime("End")]
    public DateTime? End { get; set; }

    /// <summary>How far before each watermark a default run starts re-scanning (late-visible entries). Default: 2 minutes. Numbers are seconds.</summary>
    [Parameter]
    [SecondsTimeSpan]
    public TimeSpan Overlap { get; set; } = RangeResolver.DefaultOverlap;

    /// <summary>Tables to sync (wildcards). Default: all. A pattern that matches no table on either side is a TableNotFound error.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Table { get; set; }

    /// <summary>Tables to leave out (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeTable { get; set; }

    /// <summary>Both (default), CassandraToElasticsearch or ElasticsearchToCassandra.</summary>
    [Parameter]
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>Compare (default): read, compare, write with optimistic concurrency. ExternalVersion: external versions.</summary>
    [Parameter]
    public ConflictMode ConflictMode { get; set; } = ConflictMode.Compare;

    /// <summary>After the run, compares its range on both sides and reports each difference as a warning.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    /// <summary>Creates tables / indices that exist on one side only.</summary>
    [Parameter]
    public SwitchParameter CreateMissing { get; set; }

    /// <summary>A checkpoint name of your choosing, instead of one made of the parameters.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Neither reads nor writes the checkpoint.</summary>
    [Parameter]
    public SwitchParameter NoCheckpoint { get; set; }

    /// <summary>Entries per upsert batch. Default: 500.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = SyncRequest.DefaultBatchSize;

    /// <summary>Batches in flight at once. Default: 4.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int Parallelism { get; set; } = SyncRequest.DefaultParallelism;

    /// <summary>
    /// Keeps syncing until stopped (Ctrl+C, SIGTERM, a service stop): one run per interval on one pair of
    /// connections, the next run at the first interval tick after the previous one ended. Numbers are seconds.
    /// </summary>
    [Parameter]
    [SecondsTimeSpan]
    public TimeSpan? Interval { get; set; }

    /// <summary>With -Interval: the longest wait after failed runs (the wait doubles from the interval). Default: 10 minutes. Numbers are seconds.</summary>
    [Parameter]
    [SecondsTimeSpan]
    public TimeSpan? MaxBackoff { get; set; }

    /// <summary>Writes the Prometheus metrics to this file after every run, atomically (node_exporter's textfile collector reads *.prom).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsPath { get; set; }

    /// <summary>With -Interval: serves the metrics on http://127.0.0.1:port/metrics (see -MetricsAddress).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>The address -MetricsPort listens on. Default: 127.0.0.1 (this machine only); 0.0.0.0 for every interface.</summary>
    [Parameter]
    [ValidateNotNull]
    public IPAddress MetricsAddress { get; set; } = IPAddress.Loopback;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var configuration = BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, Name);
        var settings = BuildConnectionSettings();
        var checkpoints = OpenCheckpointStore();
        if (Overlap < TimeSpan.Zero)
            ThrowTerminatingError(new ErrorRecord(new InvalidTimeRangeException("Overlap", Overlap.ToString(), "the overlap window cannot be negative"),
                ErrorIds.InvalidTimeRange, ErrorCategory.InvalidArgument, Overlap));
        var schedule = BuildSchedule();
        var metricsFile = OpenMetricsFile();

        var selection = new TableSelection(Table, ExcludeTable);
        var target = $"{configuration.Keyspace} on Cassandra {settings.DescribeCassandra()} <-> {configuration.Index} on Elasticsearch {settings.DescribeElasticsearch()} (tables {selection}, {Direction})";
        bool dryRun;
        if (ShouldProcess(target, schedule is null ? "Sync newer entries" : $"Sync newer entries every {schedule.Interval} until stopped")) dryRun = false;
        else if (WhatIfRequested()) dryRun = true; // -WhatIf scans and compares both ways and writes nothing
        else return; // declined at -Confirm
        if (dryRun && schedule is not null)
        {
            WriteWarning("-WhatIf previews a single run: -Interval is ignored.");
            schedule = null;
        }

        var request = new SyncRequest(configuration)
        {
            ConflictMode = ConflictMode.ToEngine(),
            Tables = selection,
            Direction = Direction.ToEngine(),
            Begin = Begin,
            End = End,
            Overlap = Overlap,
            NoCheckpoint = NoCheckpoint,
            DryRun = dryRun,
            CreateMissing = CreateMissing,
            Verify = Verify,
            BatchSize = BatchSize,
            Parallelism = Parallelism,
        };

        // With -ErrorAction Stop (or $ErrorActionPreference = 'Stop'), the first failed entry written as an error
        // would stop the run half way: so errors wait until both directions have run. In continuous mode a run's
        // errors become warnings instead, so they do not end the loop.
        var errorsStop = ErrorsStopTheCaller();
        using var metrics = dryRun ? null : OpenMetrics(configuration, metricsFile, schedule is not null);
        using var bridge = new PipelineBridge();
        var observer = new PipelineObserver(bridge) { DeferErrors = errorsStop };
        settings.OnCassandraWarning = observer.OnWarning;
        // SIGTERM (systemd, docker stop, Kubernetes) stops the run under way at a safe point, as Ctrl+C does.
        using var shutdown = ShutdownSignal.Listen();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(StopToken, shutdown.Token);
        if (schedule is not null)
            WriteVerbose($"Syncing every {schedule.Interval} until stopped (Ctrl+C{(shutdown.IsSupported ? ", SIGTERM" : string.Empty)}); after failed runs the wait doubles up to {schedule.MaxBackoff}.");
        if (metrics?.Server is { } server) WriteVerbose($"Serving metrics on {server.Url}");

        RunOutcome? last;
        try
        {
            last = RunOnWorker(bridge, () => ContinuousRunner.RunAsync(request, settings, checkpoints, schedule, outcome =>
            {
                Publish(metrics, outcome, bridge);
                bridge.Post(_ => Report(outcome, continuous: schedule is not null, errorsStop, observer));
            }, observer, stop.Token));
        }
        finally
        {
            PipelineObserver.Complete(this);
        }

        if (shutdown.Received)
        {
            // SIGTERM asked the process to end: the run under way stopped at a safe point, so end with exit code 0
            // whatever earlier runs reported (a service manager reads anything else as a failed stop).
            WriteVerbose("Stopped on SIGTERM.");
            RequestExitCode(0);
            return;
        }
        if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
        if (last is null) return;

        if (last.Error is { } error && (schedule is null || last.IsFatal))
        {
            ThrowTerminatingError(RunError(error, configuration));
            return;
        }
        if (schedule is not null || last.Result is not { Status: RunStatus.Incomplete } result) return;

        // The result is on the pipeline first, and is the error's target object: a script that stops on the
        // error still has it ($_.TargetObject, or -OutVariable).
        var incomplete = new ErrorRecord(new InvalidOperationException(DescribeIncomplete(result, errorsStop)), ErrorIds.SyncIncomplete, ErrorCategory.OperationStopped, _lastOutput);
        if (errorsStop) ThrowTerminatingError(incomplete);
        else WriteError(incomplete);
    }

    private Synced.RunResult? _lastOutput;

    /// <summary>
    /// Writes what one run did, on the pipeline thread: the summary line, the result, and in continuous mode its
    /// errors (a run that failed before it had a result still gets a result there, with its error as the problem).
    /// </summary>
    private void Report(RunOutcome outcome, bool continuous, bool errorsStop, PipelineObserver observer)
    {
        if (continuous) PipelineObserver.Complete(this); // the next run starts its progress bars afresh
        WriteInformation(SummaryLine.Format(outcome), new[] { SummaryLine.Tag });
        var error = outcome.Error is { } failure ? RunError(failure, outcome.Configuration) : null;
        if (outcome.Result is not null) _lastOutput = new Synced.RunResult(outcome);
        else if (continuous && !outcome.IsFatal) _lastOutput = new Synced.RunResult(outcome, error?.Exception.Message ?? "Stopped before it synced anything.");
        else _lastOutput = null;
        var warnings = observer.TakeWarnings(); // what this run warned of: it ran before this report on this thread
        if (_lastOutput is not null)
        {
            _lastOutput.Warnings = warnings;
            WriteObject(_lastOutput);
        }
        if (!continuous || outcome.IsFatal) return; // a single run's errors (and a fatal one) are reported once the loop ended

        ErrorRecord? record = null;
        if (error is not null) record = new ErrorRecord(error.Exception, error.FullyQualifiedErrorId.Split(',')[0], error.CategoryInfo.Category, _lastOutput);
        else if (outcome.Result is { Status: RunStatus.Incomplete } incomplete)
            record = new ErrorRecord(new InvalidOperationException(DescribeIncomplete(incomplete, listFailures: errorsStop)), ErrorIds.SyncIncomplete, ErrorCategory.OperationStopped, _lastOutput);
        if (record is null) return;
        var next = outcome.NextRunAt is { } at ? $" Next run at {UtcTime.Format(at)}." : string.Empty;
        if (errorsStop) WriteWarning($"{record.FullyQualifiedErrorId}: {record.Exception.Message}{next}");
        else WriteError(record);
    }

    private static void Publish(MetricsPublisher? metrics, RunOutcome outcome, PipelineBridge bridge)
    {
        if (metrics is null) return;
        try
        {
            metrics.Publish(outcome);
        }
        catch (MetricsException ex)
        {
            // Monitoring must hear of it, but the sync itself went as the run says.
            bridge.Post(c => c.WriteWarning($"The metrics of run {outcome.Number} were not written: {ex.Message}"));
        }
    }

    private ErrorRecord RunError(Exception error, SyncConfiguration configuration)
    {
        if (CheckpointError(error, configuration.DisplayName) is { } checkpoint) return checkpoint;
        if (error is ConnectionFailureException connection) return ConnectionError(connection);
        if (error is InvalidSettingException setting) return SettingError(setting);
        return new ErrorRecord(error, ErrorIds.RunFailed, ErrorCategory.NotSpecified, configuration.DisplayName);
    }

    private RunSchedule? BuildSchedule()
    {
        if (Interval is not { } interval)
        {
            foreach (var (given, parameter) in new[] { (MaxBackoff is not null, nameof(MaxBackoff)), (MetricsPort is not null, nameof(MetricsPort)) })
                if (given) ThrowInvalid($"-{parameter} belongs to continuous mode: give -Interval too, or leave -{parameter} out.", parameter);
            return null;
        }
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(7))
            ThrowInvalid($"-Interval must be from 1 second to 7 days; it is {interval}. Numbers are seconds, e.g. -Interval 60.", interval);
        if (MaxBackoff is { } cap && cap < TimeSpan.Zero)
            ThrowInvalid($"-MaxBackoff cannot be negative; it is {cap}.", cap);
        foreach (var (given, parameter) in new[] { (Begin is not null, nameof(Begin)), (End is not null, nameof(End)), (NoCheckpoint.IsPresent, nameof(NoCheckpoint)) })
            if (given) ThrowInvalid($"-Interval syncs each table from its watermark to the moment each run starts; it cannot be combined with -{parameter}.", parameter);
        return new RunSchedule(interval, MaxBackoff);
    }

    private MetricsFile? OpenMetricsFile()
    {
        if (MetricsPath is null) return null;
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(MetricsPath);
        try
        {
            var file = new MetricsFile(path);
            if (!path.EndsWith(".prom", StringComparison.OrdinalIgnoreCase))
                WriteWarning($"-MetricsPath '{path}' does not end in .prom: node_exporter's textfile collector reads only *.prom files.");
            return file;
        }
        catch (MetricsException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.MetricsPathInvalid, ErrorCategory.InvalidArgument, path));
            return null;
        }
    }

    private MetricsPublisher? OpenMetrics(SyncConfiguration configuration, MetricsFile? file, bool continuous)
    {
        if (file is null && (MetricsPort is null || !continuous)) return null;
        try
        {
            return new MetricsPublisher(configuration, file, MetricsPort is { } port ? new IPEndPoint(MetricsAddress, port) : null);
        }
        catch (MetricsException ex)
        {
            ThrowTerminatingError(ParameterNames.WithParameters(new ErrorRecord(ex, ErrorIds.MetricsPortUnavailable, ErrorCategory.ResourceUnavailable, MetricsPort),
                "-MetricsPort", "-MetricsAddress"));
            return null;
        }
    }

    private void ThrowInvalid(string message, object? target)
        => ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, target));

    private void RequestExitCode(int code)
    {
        try
        {
            Host.SetShouldExit(code);
        }
        catch (Exception ex) when (HostCapability.IsMissing(ex))
        {
            // A host that cannot end its process: the stop is done all the same.
        }
    }

    private static string DescribeIncomplete(SyncResult result, bool listFailures)
    {
        var text = new System.Text.StringBuilder($"The run of '{result.Name}' did not sync everything: ");
        text.Append(string.Join("; ", result.Problems.Select(ParameterNames.Describe))).Append(". ").Append(ParameterNames.DescribeCheckpointNote(result));
        if (listFailures && result.Failures.Count > 0)
        {
            const int shown = 5;
            text.Append(" Failed entries: ");
            text.Append(string.Join("; ", result.Failures.Take(shown).Select(f => $"{f.Table}/{f.Id} ({f.Direction}): {f.Reason}")));
            if (result.FailureCount > shown) text.Append($"; and {result.FailureCount - shown} more (the result's Failures property lists them)");
            text.Append('.');
        }
        return text.ToString();
    }
}
