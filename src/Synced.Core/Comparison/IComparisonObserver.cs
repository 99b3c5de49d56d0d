using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Comparison;

/// <summary>
/// Receives what a comparison reports while it works. Called from worker threads: an implementation that talks to
/// PowerShell must hand the calls over to the pipeline thread.
/// </summary>
public interface IComparisonObserver
{
    /// <summary>A phase starts (for -Verbose).</summary>
    void OnPhase(string message);

    /// <summary>A table is not compared (contract, one side only); its message says why.</summary>
    void OnTableSkipped(TableComparison table);

    /// <summary>Reading a table failed (its message says how); the comparison goes on with the next table.</summary>
    void OnTableFailed(TableComparison table);

    /// <summary>A side holds something it cannot read as an entry; it is not compared.</summary>
    void OnEntryUnreadable(string table, string side, string sourceKey, string reason);

    /// <summary>Work on a table progressed.</summary>
    void OnProgress(ComparisonProgress progress);

    /// <summary>One differing id. Awaited: the comparison waits while the consumer is busy, so differences never pile up.</summary>
    Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken);

    /// <summary>A table is done (after all its differences).</summary>
    Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken);
}
