using System;

namespace Synced.Core.Checkpoints;

/// <summary>The state directory (where checkpoints and locks live) cannot be used: what, where, and what to do.</summary>
public sealed class StatePathException : Exception
{
    /// <summary>Creates the error.</summary>
    public StatePathException(string directory, string problem, Exception? inner = null)
        : base($"The state directory '{directory}' cannot be used: {problem}. Point the state path at a directory this user can create and write (it is created when missing).", inner)
    {
        Directory = directory;
        Problem = problem;
    }

    /// <summary>The state directory.</summary>
    public string Directory { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
