namespace Synced.Core.Engine;

/// <summary>
/// Receives what a run reports while it works. Called from worker threads: an implementation that talks to
/// PowerShell must hand the calls over to the pipeline thread.
/// </summary>
public interface ISyncObserver
{
    /// <summary>A phase starts (for -Verbose).</summary>
    void OnPhase(string message);

    /// <summary>Something the user should know that does not stop the run (e.g. a stale lock was taken over).</summary>
    void OnWarning(string message);

    /// <summary>A table is not synced: it does not meet the contract (ignored), or the target lacks it (unmatched); its message says why.</summary>
    void OnTableSkipped(TableResult table);

    /// <summary>Work on a table progressed.</summary>
    void OnProgress(SyncProgress progress);

    /// <summary>An entry could not be written.</summary>
    void OnEntryFailed(EntryFailure failure);

    /// <summary>A table's sync stopped on an error (its message); the run goes on with the next table.</summary>
    void OnTableFailed(TableResult table);
}
