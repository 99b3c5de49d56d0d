using System;
using System.Threading;

namespace Synced.Core.Engine;

/// <summary>
/// A run was cancelled. Carries what the engine finished before it stopped, so the runner can keep the
/// watermarks of tables that completed (and only those).
/// </summary>
public sealed class SyncCancelledException : OperationCanceledException
{
    /// <summary>Creates the error.</summary>
    public SyncCancelledException(EngineResult partial, Exception inner, CancellationToken token)
        : base("The run was stopped before it finished.", inner, token)
        => Partial = partial ?? throw new ArgumentNullException(nameof(partial));

    /// <summary>What finished (tables with status Synced completed; the one under way is Cancelled or absent).</summary>
    public EngineResult Partial { get; }

    /// <summary>The stopped run as a result (status Stopped, watermarks as written) when the runner got that far; null when the engine alone was cancelled.</summary>
    public SyncRunResult? Result { get; internal set; }
}
