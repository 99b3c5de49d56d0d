using System;
using System.Management.Automation;
using Synced.Core.Comparison;
using Synced.Core.Connections;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Compares the newest version of every id in Cassandra and Elasticsearch and lists the ids that differ.</para>
/// </summary>
[Cmdlet(VerbsData.Compare, "SyncedData")]
[OutputType(typeof(Synced.Difference), typeof(Synced.ComparisonSummary))]
public sealed class CompareSyncedDataCommand : SyncedDataCmdlet
{
    /// <summary>The Cassandra keyspace.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Keyspace { get; set; } = null!;

    /// <summary>The Elasticsearch index (PerTable: the alias over the table indices).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Index { get; set; } = null!;

    /// <summary>Tables to compare (wildcards). Default: all.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Table { get; set; }

    /// <summary>Tables to leave out (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeTable { get; set; }

    /// <summary>Only ids whose newest version on a side changed at or after this time count. Default: no lower bound.</summary>
    [Parameter]
    [SyncedTime("Begin")]
    public DateTime? Begin { get; set; }

    /// <summary>Only ids whose newest version on a side changed before this time count. Default: no upper bound.</summary>
    [Parameter]
    [SyncedTime("End")]
    public DateTime? End { get; set; }

    /// <summary>One Synced.ComparisonSummary per table instead of one Synced.Difference per id.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var options = BuildComparisonOptions(Table, ExcludeTable, Begin, End);
        var settings = BuildConnectionSettings();
        var keyspace = Keyspace;
        var index = Index;
        using var observer = new ComparisonPipelineObserver(
            (cmdlet, difference) =>
            {
                if (!Summary) cmdlet.WriteObject(new Synced.Difference(difference, keyspace, index));
                return true;
            },
            (cmdlet, table) =>
            {
                if (Summary) cmdlet.WriteObject(new Synced.ComparisonSummary(table, keyspace, index, options.Begin, options.End));
            })
        {
            DeferErrors = ErrorsStopTheCaller(),
        };

        ComparisonResult result;
        using (var bridge = new PipelineBridge())
        {
            observer.Bridge = bridge;
            try
            {
                result = RunStoppable(bridge, stop => StoreConnector.UseAsync(settings, keyspace, index, allowMissingIndex: false,
                    (cassandra, elasticsearch, ct) => new DataComparer(options).CompareAsync(cassandra, elasticsearch, observer, ct), observer.OnPhase, stop));
            }
            finally
            {
                ComparisonPipelineObserver.Complete(this);
            }
        }

        if (DescribeShortfall(result) is { } shortfall)
        {
            WriteClosingError(new ErrorRecord(
                new InvalidOperationException($"The comparison of {keyspace} with {index} did not cover everything: {shortfall}. " +
                                              "The differences listed are real, but others may be missing; fix the cause and compare again."),
                ErrorIds.ComparisonIncomplete, ErrorCategory.OperationStopped, keyspace));
        }
    }
}
