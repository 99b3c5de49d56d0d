namespace Synced.Core.Engine;

/// <summary>An observer that ignores everything.</summary>
public sealed class NullSyncObserver : ISyncObserver
{
    /// <summary>The one instance.</summary>
    public static readonly NullSyncObserver Instance = new();

    private NullSyncObserver() { }

    /// <inheritdoc />
    public void OnPhase(string message) { }

    /// <inheritdoc />
    public void OnWarning(string message) { }

    /// <inheritdoc />
    public void OnTableSkipped(TableResult table) { }

    /// <inheritdoc />
    public void OnProgress(SyncProgress progress) { }

    /// <inheritdoc />
    public void OnEntryFailed(EntryFailure failure) { }

    /// <inheritdoc />
    public void OnTableFailed(TableResult table) { }
}
