using Synced.Core.Engine;

namespace Synced.Core.Comparison;

/// <summary>Receives what a repair reports; called from worker threads.</summary>
public interface IRepairObserver
{
    /// <summary>A phase starts (for -Verbose).</summary>
    void OnPhase(string message);

    /// <summary>A difference could not be repaired.</summary>
    void OnEntryFailed(EntryFailure failure);

    /// <summary>The repair progressed.</summary>
    void OnProgress(RepairProgress progress);
}
