using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Engine;

namespace Synced.Core.Tests.Comparison;

/// <summary>Keeps everything a comparison or repair reports.</summary>
internal sealed class RecordingObserver : IComparisonObserver, IRepairObserver
{
    public ConcurrentQueue<Difference> Differences { get; } = new();
    public ConcurrentQueue<string> Phases { get; } = new();
    public ConcurrentQueue<(string Table, string Reason)> Skipped { get; } = new();
    public ConcurrentQueue<(string Table, string Reason)> Failed { get; } = new();
    public ConcurrentQueue<(string Table, string Side, string Key, string Reason)> Unreadable { get; } = new();
    public ConcurrentQueue<TableComparison> Done { get; } = new();
    public ConcurrentQueue<EntryFailure> EntryFailures { get; } = new();
    public int ProgressReports;

    /// <summary>Runs on each difference before it is recorded (tests cancel or slow down from here).</summary>
    public System.Func<Difference, Task>? OnDifference { get; set; }

    public void OnPhase(string message) => Phases.Enqueue(message);
    public void OnTableSkipped(TableComparison table) => Skipped.Enqueue((table.Table, table.Message!));
    public void OnTableFailed(TableComparison table) => Failed.Enqueue((table.Table, table.Message!));
    public void OnEntryUnreadable(string table, string side, string sourceKey, string reason) => Unreadable.Enqueue((table, side, sourceKey, reason));
    public void OnProgress(ComparisonProgress progress) => Interlocked.Increment(ref ProgressReports);

    public async Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken)
    {
        if (OnDifference is not null) await OnDifference(difference);
        Differences.Enqueue(difference);
    }

    public Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken)
    {
        Done.Enqueue(result);
        return Task.CompletedTask;
    }

    public void OnEntryFailed(EntryFailure failure) => EntryFailures.Enqueue(failure);
    public void OnProgress(RepairProgress progress) => Interlocked.Increment(ref ProgressReports);

    public Dictionary<System.Guid, Difference> ById()
    {
        var byId = new Dictionary<System.Guid, Difference>();
        foreach (var d in Differences) byId.Add(d.Id, d); // throws on a duplicate: an id is reported once
        return byId;
    }
}
