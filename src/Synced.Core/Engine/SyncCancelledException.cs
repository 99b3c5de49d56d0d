using System;
using System.Threading;

namespace Synced.Core.Engine;

/// <summary>
/// A run was cancelled. Carries what it did before it stopped (status Stopped), so the runner can keep the
/// watermarks of tables that completed (and only those) and the caller can report it.
/// </summary>
public sealed class SyncCancelledException : OperationCanceledException
{
    /// <summary>Creates the error.</summary>
    public SyncCancelledException(SyncResult result, Exception inner, CancellationToken token)
        : base("The run was stopped before it finished.", inner, token)
        => Result = result ?? throw new ArgumentNullException(nameof(result));

    /// <summary>
    /// What the stopped run did: tables with status Synced completed, the one under way is Cancelled or absent. The
    /// runner completes it (range, watermarks as written) before the exception reaches the caller.
    /// </summary>
    public SyncResult Result { get; }
}
