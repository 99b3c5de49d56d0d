using System.Collections.Generic;
using System.Linq;

namespace Synced.Core.Engine;

/// <summary>What an engine pass did: one result per table and direction, and the failed entries.</summary>
public sealed class EngineResult
{
    internal EngineResult(IReadOnlyList<TableResult> tables, IReadOnlyList<EntryFailure> failures, long failureCount)
    {
        Tables = tables;
        Failures = failures;
        FailureCount = failureCount;
    }

    /// <summary>Per table and direction, in the order they ran.</summary>
    public IReadOnlyList<TableResult> Tables { get; }

    /// <summary>The failed entries (up to the plan's limit; every one went to the observer).</summary>
    public IReadOnlyList<EntryFailure> Failures { get; }

    /// <summary>How many entries failed in all.</summary>
    public long FailureCount { get; }

    /// <summary>True when no entry failed and every table that meets the contract was synced (ignored tables do not count).</summary>
    public bool Complete => FailureCount == 0 && Tables.All(t => t.Status is TableStatus.Synced or TableStatus.Ignored);
}
