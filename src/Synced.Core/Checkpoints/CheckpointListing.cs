using System.Collections.Generic;

namespace Synced.Core.Checkpoints;

/// <summary>What a state directory holds: the checkpoints that can be read, and the files that cannot (each reported, none hiding the others).</summary>
public sealed class CheckpointListing
{
    internal CheckpointListing(IReadOnlyList<Checkpoint> checkpoints, IReadOnlyList<CheckpointCorruptException> problems)
    {
        Checkpoints = checkpoints;
        Problems = problems;
    }

    /// <summary>The readable checkpoints, sorted by name.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; }

    /// <summary>One error per file that cannot be used.</summary>
    public IReadOnlyList<CheckpointCorruptException> Problems { get; }
}
