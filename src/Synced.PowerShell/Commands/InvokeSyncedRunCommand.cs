using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;

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
    public int BatchSize { get; set; } = SyncPlan.DefaultBatchSize;

    /// <summary>Batches in flight at once. Default: 4.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int Parallelism { get; set; } = SyncPlan.DefaultParallelism;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var configuration = BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, Name);
        var settings = BuildConnectionSettings();
        settings.ConflictMode = ConflictMode;
        var checkpoints = OpenCheckpointStore();
        if (Overlap < TimeSpan.Zero)
            ThrowTerminatingError(new ErrorRecord(new InvalidTimeRangeException("Overlap", Overlap.ToString(), "the overlap window cannot be negative"),
                ErrorIds.InvalidTimeRange, ErrorCategory.InvalidArgument, Overlap));

        var selection = new TableSelection(Table, ExcludeTable);
        var target = $"{configuration.Keyspace} on Cassandra {settings.DescribeCassandra()} <-> {configuration.Index} on Elasticsearch {settings.DescribeElasticsearch()} (tables {selection}, {Direction})";
        bool dryRun;
        if (ShouldProcess(target, "Sync newer entries")) dryRun = false;
        else if (WhatIfRequested()) dryRun = true; // -WhatIf scans and compares both ways and writes nothing
        else return; // declined at -Confirm

        var request = new SyncRunRequest(configuration)
        {
            Tables = selection,
            Direction = Direction,
            Begin = Begin,
            End = End,
            Overlap = Overlap,
            NoCheckpoint = NoCheckpoint,
            DryRun = dryRun,
            CreateMissing = CreateMissing,
            BatchSize = BatchSize,
            Parallelism = Parallelism,
        };

        // With -ErrorAction Stop (or $ErrorActionPreference = 'Stop'), the first failed entry written as an error
        // would stop the run half way: so errors wait until both directions have run.
        var errorsStop = ErrorsStopTheCaller();
        var runner = new SyncRunner(checkpoints);
        using var bridge = new PipelineBridge();
        var observer = new PipelineObserver(bridge) { DeferErrors = errorsStop };
        settings.OnCassandraWarning = observer.OnWarning;
        SyncRunResult result;
        try
        {
            result = RunOnWorker(bridge, async () =>
            {
                observer.OnPhase($"Connecting to Cassandra at {settings.DescribeCassandra()} and Elasticsearch at {settings.DescribeElasticsearch()}");
                var (cassandra, elasticsearch) = await StoreConnector.ConnectAsync(settings, configuration.Keyspace, configuration.Index, CreateMissing, StopToken).ConfigureAwait(false);
                await using (cassandra.ConfigureAwait(false))
                await using (elasticsearch.ConfigureAwait(false))
                {
                    return await runner.RunAsync(request, cassandra, elasticsearch, observer, StopToken).ConfigureAwait(false);
                }
            });
        }
        catch (Exception ex) when (CheckpointError(ex, configuration.DisplayName) is { } record)
        {
            ThrowTerminatingError(record);
            return;
        }
        finally
        {
            PipelineObserver.Complete(this);
        }

        var output = new Synced.RunResult(result);
        WriteObject(output);
        if (result.Status != RunStatus.Incomplete) return;

        // The result is on the pipeline first, and is the error's target object: a script that stops on the
        // error still has it ($_.TargetObject, or -OutVariable).
        var error = new ErrorRecord(new InvalidOperationException(DescribeIncomplete(result, errorsStop)), ErrorIds.SyncIncomplete, ErrorCategory.OperationStopped, output);
        if (errorsStop) ThrowTerminatingError(error);
        else WriteError(error);
    }

    private static string DescribeIncomplete(SyncRunResult result, bool listFailures)
    {
        var text = new System.Text.StringBuilder($"The run of '{result.Name}' did not sync everything: ");
        text.Append(string.Join("; ", result.Problems)).Append(". ").Append(result.CheckpointNote);
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

    private bool ErrorsStopTheCaller()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
        if (preference is PSObject wrapped) preference = wrapped.BaseObject;
        return preference switch
        {
            ActionPreference action => action == ActionPreference.Stop,
            string text => string.Equals(text, nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private bool WhatIfRequested()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)) return LanguagePrimitives.IsTrue(bound);
        return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
    }
}
