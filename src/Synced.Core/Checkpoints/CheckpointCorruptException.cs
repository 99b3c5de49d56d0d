using System;

namespace Synced.Core.Checkpoints;

/// <summary>
/// A checkpoint file exists but cannot be read or understood, or was written by a newer Synced. It is never
/// taken for "no checkpoint", and a file of a newer format is never overwritten.
/// </summary>
public sealed class CheckpointCorruptException : Exception
{
    /// <summary>Creates the error for a file that cannot be used.</summary>
    public CheckpointCorruptException(string path, string problem, Exception? inner = null)
        : base($"The checkpoint file '{path}' cannot be used: {problem}. Fix or remove the file, or replace it with a checkpoint set anew over it.", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    private CheckpointCorruptException(string path, int formatVersion)
        : base($"The checkpoint file '{path}' was written by a newer Synced (format version {formatVersion}; this Synced reads versions up to {CheckpointFile.FormatVersion}). It is left untouched: upgrade Synced to use it.")
    {
        FilePath = path;
        Problem = $"format version {formatVersion} is newer than this Synced reads";
        NewerFormatVersion = formatVersion;
    }

    /// <summary>The error for a file written by a newer Synced.</summary>
    internal static CheckpointCorruptException NewerFormat(string path, int formatVersion) => new(path, formatVersion);

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }

    /// <summary>The format version of a file written by a newer Synced; null when the file is damaged instead.</summary>
    public int? NewerFormatVersion { get; }

    /// <summary>True when the file was written by a newer Synced (it must not be overwritten).</summary>
    public bool IsNewerFormat => NewerFormatVersion is not null;
}
