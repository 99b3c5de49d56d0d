using System;

namespace Synced.Core.Checkpoints;

/// <summary>Another run of the same configuration holds the lock.</summary>
public sealed class CheckpointLockedException : Exception
{
    /// <summary>Creates the error.</summary>
    public CheckpointLockedException(string configuration, string lockPath, LockHolder? holder)
        : base(holder is null
            ? $"Another run of '{configuration}' is starting (lock file '{lockPath}'). Wait for it to finish."
            : $"Another run of '{configuration}' is in progress: process {holder.ProcessId} on host '{holder.Host}', started {holder.StartedAt:yyyy-MM-ddTHH:mm:ssZ} (lock file '{lockPath}'). Wait for it to finish; if that process is gone for good, delete the lock file.")
    {
        LockPath = lockPath;
        Holder = holder;
    }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>Who holds it, when the lock file could be read.</summary>
    public LockHolder? Holder { get; }
}
