using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Comparison;

/// <summary>An observer that ignores everything (differences are still counted in the result).</summary>
public sealed class NullComparisonObserver : IComparisonObserver
{
    /// <summary>The one instance.</summary>
    public static readonly NullComparisonObserver Instance = new();

    private NullComparisonObserver()
    {
    }

    /// <inheritdoc />
    public void OnPhase(string message) { }

    /// <inheritdoc />
    public void OnTableSkipped(TableComparison table) { }

    /// <inheritdoc />
    public void OnTableFailed(TableComparison table) { }

    /// <inheritdoc />
    public void OnEntryUnreadable(string table, string side, string sourceKey, string reason) { }

    /// <inheritdoc />
    public void OnProgress(ComparisonProgress progress) { }

    /// <inheritdoc />
    public Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken) => Task.CompletedTask;
}
