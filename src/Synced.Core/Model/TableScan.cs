using System;

namespace Synced.Core.Model;

/// <summary>
/// How a store will read a time range of a table, as its schema tells before a run: through an index on tmstmp, or
/// by a full scan; for a full scan, the one statement that would create the index, or why the cluster cannot have one.
/// </summary>
public sealed class TableScan
{
    /// <summary>Creates a scan description.</summary>
    /// <param name="kind">Index-driven or full scan.</param>
    /// <param name="indexName">The index a <see cref="TableScanKind.IndexOnTmstmp"/> scan reads through.</param>
    /// <param name="createIndexStatement">For a full scan: the statement that creates the index, when the cluster supports one.</param>
    /// <param name="indexUnavailableReason">For a full scan: why the cluster cannot have the index, when it cannot.</param>
    public TableScan(TableScanKind kind, string? indexName = null, string? createIndexStatement = null, string? indexUnavailableReason = null)
    {
        if (kind == TableScanKind.IndexOnTmstmp && string.IsNullOrEmpty(indexName))
            throw new ArgumentException("An index-driven scan names its index.", nameof(indexName));
        Kind = kind;
        IndexName = indexName;
        CreateIndexStatement = createIndexStatement;
        IndexUnavailableReason = indexUnavailableReason;
    }

    /// <summary>Index-driven or full scan.</summary>
    public TableScanKind Kind { get; }

    /// <summary>The index an index-driven scan reads through; null for a full scan.</summary>
    public string? IndexName { get; }

    /// <summary>For a full scan on a cluster that supports the index: the one statement that creates it; else null.</summary>
    public string? CreateIndexStatement { get; }

    /// <summary>For a full scan on a cluster that cannot have the index: why (e.g. the version); else null.</summary>
    public string? IndexUnavailableReason { get; }

    /// <summary>One line for -Verbose: which scan, what it costs, and what would make it cheaper.</summary>
    public override string ToString() => Kind == TableScanKind.IndexOnTmstmp
        ? $"reads the range through the index {IndexName} on tmstmp (the nodes read only the entries in the range)"
        : "reads the range by a full scan with ALLOW FILTERING (the nodes read every row of the table)" +
          (CreateIndexStatement is not null ? $"; an index on tmstmp would make it read only what changed: {CreateIndexStatement}"
              : IndexUnavailableReason is not null ? $"; {IndexUnavailableReason}" : string.Empty);
}
