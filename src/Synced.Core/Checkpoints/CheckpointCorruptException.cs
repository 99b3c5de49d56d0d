using System;

namespace Synced.Core.Checkpoints;

/// <summary>A checkpoint file exists but cannot be read or understood. It is never taken for "no checkpoint".</summary>
public sealed class CheckpointCorruptException : Exception
{
    /// <summary>Creates the error.</summary>
    public CheckpointCorruptException(string path, string problem, Exception? inner = null)
        : base($"The checkpoint file '{path}' cannot be used: {problem}. Fix or remove the file (Remove-SyncedCheckpoint), or set the checkpoint anew with Set-SyncedCheckpoint.", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
