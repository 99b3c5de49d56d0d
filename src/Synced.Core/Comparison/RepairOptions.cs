using System;

namespace Synced.Core.Comparison;

/// <summary>How a repair writes.</summary>
public sealed class RepairOptions
{
    /// <summary>Default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Read and compare only; write nothing and report what would be written (-WhatIf).</summary>
    public bool DryRun { get; set; }

    /// <summary>Differences of one table and direction repaired together (one read of the newer side, one upsert batch).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    internal void Validate()
    {
        if (BatchSize < 1 || BatchSize > 10000) throw new ArgumentException($"BatchSize must be between 1 and 10000; it is {BatchSize}", nameof(BatchSize));
    }
}
