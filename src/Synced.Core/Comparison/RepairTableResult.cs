using Synced.Core.Engine;
using Synced.Core.Model;

namespace Synced.Core.Comparison;

/// <summary>What a repair did with one table in one direction (from the side that is newer): the differences it was given, and what writing them did.</summary>
public sealed class RepairTableResult : TableWork
{
    /// <summary>Creates an empty result.</summary>
    public RepairTableResult(string table, SyncDirection direction)
        : base(table, direction)
    {
    }

    /// <summary>Differences handed to the repair.</summary>
    public long Differences { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{Direction} {Table}: {Written} written, {Failed} failed";
}
