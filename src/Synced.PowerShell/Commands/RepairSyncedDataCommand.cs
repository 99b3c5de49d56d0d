using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Connections;
using Synced.PowerShell.Infrastructure;
using Synced.PowerShell.Parameters;
using CoreDifference = Synced.Core.Comparison.Difference;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes the newer version of each differing id to the side that is older or lacks it, never over anything newer.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Repair, "SyncedData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = CompareSet)]
[OutputType(typeof(Synced.RepairResult))]
public sealed class RepairSyncedDataCommand : SyncedDataCmdlet
{
    private const string CompareSet = "Compare";
    private const string DifferenceSet = "Difference";

    private readonly Dictionary<(string Keyspace, string Index), Session> _sessions = new();
    private ComparisonPipelineObserver? _observer;
    private Core.Connections.ConnectionSettings? _settings;

    /// <summary>The Cassandra keyspace.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CompareSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DifferenceSet)]
    [ValidateNotNullOrEmpty]
    public string Keyspace { get; set; } = null!;

    /// <summary>The Elasticsearch index (PerTable: the alias over the table indices).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = CompareSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DifferenceSet)]
    [ValidateNotNullOrEmpty]
    public string Index { get; set; } = null!;

    /// <summary>Compare set: tables to compare and repair (wildcards). Difference set: the difference's table.</summary>
    [Parameter(ParameterSetName = CompareSet)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DifferenceSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Table { get; set; }

    /// <summary>Tables to leave out (wildcards).</summary>
    [Parameter(ParameterSetName = CompareSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeTable { get; set; }

    /// <summary>Only ids whose newest version on a side changed at or after this time are compared.</summary>
    [Parameter(ParameterSetName = CompareSet)]
    [SyncedTime("Begin")]
    public DateTime? Begin { get; set; }

    /// <summary>Only ids whose newest version on a side changed before this time are compared.</summary>
    [Parameter(ParameterSetName = CompareSet)]
    [SyncedTime("End")]
    public DateTime? End { get; set; }

    /// <summary>The id of a difference (from Compare-SyncedData, or any object with Keyspace, Index, Table, Id and Kind).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DifferenceSet)]
    public Guid Id { get; set; }

    /// <summary>How the difference goes: which side is newer, so which way the repair writes.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DifferenceSet)]
    public DifferenceKind Kind { get; set; }

    /// <summary>Differences of one table and direction read and written together. Default: 500.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = RepairOptions.DefaultBatchSize;

    private ComparisonPipelineObserver Observer => _observer ??= new ComparisonPipelineObserver((_, difference) => Approve(difference), null) { DeferErrors = ErrorsStopTheCaller() };

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        _settings ??= BuildConnectionSettings();
        if (ParameterSetName == CompareSet) CompareAndRepair();
        else TakeDifference();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (ParameterSetName != DifferenceSet) return;
        var whatIf = WhatIfRequested();
        long failures = 0;
        try
        {
            foreach (var session in _sessions.Values)
            {
                Run(async stop =>
                {
                    await DrainAsync(session, stop).ConfigureAwait(false);
                    if (session.Repairer is { } repairer) await repairer.FlushAsync(stop).ConfigureAwait(false);
                    return 0;
                });
                // A session has its repairer once its first difference was handed over (connecting failed otherwise).
                var result = session.Repairer!.ToResult();
                failures += result.FailureCount;
                _lastResult = new Synced.RepairResult(session.Keyspace, session.Index, result, null);
                WriteObject(_lastResult);
            }
        }
        finally
        {
            ComparisonPipelineObserver.Complete(this);
            CloseSessions();
        }
        if (!whatIf && failures > 0)
            ThrowIncomplete($"{failures} differences were not repaired (see the {ErrorIds.EntryNotSynced} errors); they stay as they were, so repair them again once the cause is fixed.");
    }

    /// <summary>Compare set: compares and repairs what it finds as it goes.</summary>
    private void CompareAndRepair()
    {
        var options = BuildComparisonOptions(Table, ExcludeTable, Begin, End);
        var repair = new RepairOptions { DryRun = WhatIfRequested(), BatchSize = BatchSize };
        var observer = Observer;
        Core.Comparison.RepairResult result;
        try
        {
            result = Run(stop => StoreConnector.UseAsync(_settings!, Keyspace, Index, allowMissingIndex: false,
                (cassandra, elasticsearch, ct) => DataRepairer.CompareAndRepairAsync(cassandra, elasticsearch, options, repair, observer, observer, observer.DecideAsync, ct),
                observer.OnPhase, stop));
        }
        finally
        {
            ComparisonPipelineObserver.Complete(this);
        }

        var problem = DescribeShortfall(result.Comparison!);
        _lastResult = new Synced.RepairResult(Keyspace, Index, result, problem);
        WriteObject(_lastResult);
        if (result.Status == Core.Engine.RunStatus.Incomplete)
        {
            var what = new List<string>();
            if (result.FailureCount > 0) what.Add($"{result.FailureCount} differences were not repaired (see the {ErrorIds.EntryNotSynced} errors)");
            if (problem is not null) what.Add(problem);
            ThrowIncomplete(string.Join("; ", what) + ". Fix the cause and repair again.");
        }
    }

    /// <summary>Difference set: takes one piped difference; repairs a batch once enough are waiting.</summary>
    private void TakeDifference()
    {
        if (Table is not { Length: 1 } || WildcardPattern.ContainsWildcardCharacters(Table[0]))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"-Table of a difference must name one table, not '{string.Join(", ", Table ?? Array.Empty<string>())}'; pipe the output of Compare-SyncedData, or give -Keyspace, -Index, -Table, -Id and -Kind of one difference."),
                ErrorIds.InvalidDifference, ErrorCategory.InvalidArgument, Id));
            return;
        }
        var difference = new CoreDifference(Table[0], Id, null, null, Kind.ToEngine());
        if (!Approve(difference)) return;

        var key = (Keyspace.ToLowerInvariant(), Index.ToLowerInvariant());
        if (!_sessions.TryGetValue(key, out var session)) _sessions[key] = session = new Session(Keyspace, Index);
        session.Waiting.Add(difference);
        if (session.Waiting.Count >= BatchSize)
            Run(async stop =>
            {
                await DrainAsync(session, stop).ConfigureAwait(false);
                return 0;
            });
    }

    /// <summary>Connects the session if needed and hands its waiting differences to its repairer (which writes full batches).</summary>
    private async Task DrainAsync(Session session, CancellationToken stop)
    {
        if (session.Waiting.Count == 0) return;
        if (session.Repairer is null)
        {
            session.Stores ??= StoreConnector.Pair(_settings!, session.Keyspace, session.Index, allowMissingIndex: false, Core.Elasticsearch.ConflictMode.Compare);
            Observer.OnPhase($"Connecting to {session.Stores.Description} for {session.Keyspace} <-> {session.Index}");
            var (cassandra, elasticsearch) = await session.Stores.GetAsync(stop).ConfigureAwait(false);
            session.Repairer = new DataRepairer(cassandra, elasticsearch, new RepairOptions { DryRun = WhatIfRequested(), BatchSize = BatchSize }, Observer);
        }
        var waiting = session.Waiting.ToList();
        session.Waiting.Clear();
        foreach (var difference in waiting) await session.Repairer.AddAsync(difference, stop).ConfigureAwait(false);
    }

    private T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        using var bridge = new PipelineBridge();
        Observer.Bridge = bridge;
        return RunStoppable(bridge, work);
    }

    /// <summary>On the pipeline thread: ShouldProcess for one difference; -WhatIf lists it and lets it through as a dry run.</summary>
    private bool Approve(CoreDifference difference)
    {
        var target = $"table {difference.Table}, id {difference.Id} ({Keyspace} <-> {Index})";
        var action = difference.Kind switch
        {
            Core.Comparison.DifferenceKind.MissingInElasticsearch => "Copy the Cassandra version to Elasticsearch, which lacks it (never synced there, or deleted there)",
            Core.Comparison.DifferenceKind.MissingInCassandra => "Copy the Elasticsearch version to Cassandra, which lacks it (never synced there, or deleted there)",
            Core.Comparison.DifferenceKind.ElasticsearchOlder => "Write the newer Cassandra version over the older Elasticsearch one",
            _ => "Write the newer Elasticsearch version to Cassandra",
        };
        return ShouldProcess(target, action) || WhatIfRequested();
    }

    // The error's target is the result, so a script that stops on it still has it ($_.TargetObject).
    private void ThrowIncomplete(string message)
        => WriteClosingError(new ErrorRecord(new InvalidOperationException($"The repair of {Keyspace} <-> {Index} did not repair everything: {message}"),
            ErrorIds.SyncIncomplete, ErrorCategory.OperationStopped, (object?)_lastResult ?? Keyspace));

    private Synced.RepairResult? _lastResult;

    /// <summary>Closes the connections of every session when the pipeline ends early (an error, Ctrl+C).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseSessions();
            _observer?.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Closes the connections of every session.</summary>
    private void CloseSessions()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.Stores is not { } stores) continue;
            session.Stores = null;
            // Blocking is fine here: the pipeline is over and nothing else runs on this thread.
            stores.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The stores and repairer of one keyspace and index met in the pipeline, and its differences not yet handed over.</summary>
    private sealed class Session
    {
        public Session(string keyspace, string index)
        {
            Keyspace = keyspace;
            Index = index;
        }

        public string Keyspace { get; }

        public string Index { get; }

        public List<CoreDifference> Waiting { get; } = new();

        public StorePair? Stores { get; set; }

        public DataRepairer? Repairer { get; set; }

    }
}
