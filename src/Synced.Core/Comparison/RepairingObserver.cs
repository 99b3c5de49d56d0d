using System;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Comparison;

/// <summary>
/// Repairs what a comparison finds while it runs: each difference (once approved, e.g. by ShouldProcess) goes to a
/// <see cref="DataRepairer"/>, whose batches are written as they fill and at the end of each table. Everything else
/// goes on to the inner observer. The comparison waits while a batch is written, so nothing piles up.
/// </summary>
public sealed class RepairingObserver : IComparisonObserver
{
    private readonly DataRepairer _repairer;
    private readonly IComparisonObserver _inner;
    private readonly Func<Difference, CancellationToken, Task<bool>>? _approve;

    /// <summary>Creates the observer.</summary>
    /// <param name="repairer">Where approved differences go.</param>
    /// <param name="inner">Receives phases, progress, skipped and failed tables, unreadable entries.</param>
    /// <param name="approve">Decides per difference whether to repair it; null repairs every one.</param>
    public RepairingObserver(DataRepairer repairer, IComparisonObserver? inner, Func<Difference, CancellationToken, Task<bool>>? approve)
    {
        _repairer = repairer ?? throw new ArgumentNullException(nameof(repairer));
        _inner = inner ?? NullComparisonObserver.Instance;
        _approve = approve;
    }

    /// <inheritdoc />
    public void OnPhase(string message) => _inner.OnPhase(message);

    /// <inheritdoc />
    public void OnTableSkipped(TableComparison table) => _inner.OnTableSkipped(table);

    /// <inheritdoc />
    public void OnTableFailed(TableComparison table) => _inner.OnTableFailed(table);

    /// <inheritdoc />
    public void OnEntryUnreadable(string table, string side, string sourceKey, string reason) => _inner.OnEntryUnreadable(table, side, sourceKey, reason);

    /// <inheritdoc />
    public void OnProgress(ComparisonProgress progress) => _inner.OnProgress(progress);

    /// <inheritdoc />
    public async Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken)
    {
        if (_approve is not null && !await _approve(difference, cancellationToken).ConfigureAwait(false)) return;
        await _repairer.AddAsync(difference, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken)
    {
        await _repairer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _inner.OnTableDoneAsync(result, cancellationToken).ConfigureAwait(false);
    }
}
