using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Core.Comparison;

/// <summary>What a comparison found, per table.</summary>
public sealed class ComparisonResult
{
    /// <summary>Creates the result.</summary>
    public ComparisonResult(IReadOnlyList<TableComparison> tables, TimeSpan duration)
    {
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
        Duration = duration;
    }

    /// <summary>One result per table, in name order.</summary>
    public IReadOnlyList<TableComparison> Tables { get; }

    /// <summary>Time the whole comparison took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Differences found, all tables.</summary>
    public long Differences => Tables.Sum(t => t.Differences);

    /// <summary>Entries a side holds but cannot read as one, all tables; they were not compared.</summary>
    public long Unreadable => Tables.Sum(t => t.Unreadable);

    /// <summary>True when every selected table that meets the contract was compared and every entry could be read.</summary>
    public bool Complete => Tables.All(t => t.Status is TableComparisonStatus.Compared or TableComparisonStatus.Skipped && t.Unreadable == 0);

    /// <summary>The tables that could not be compared, each in a sentence with why; empty when none failed.</summary>
    public IReadOnlyList<string> FailedTables
        => Tables.Where(t => t.Status == TableComparisonStatus.Failed).Select(t => $"table '{t.Table}' could not be compared: {t.Message}").ToList();
}
