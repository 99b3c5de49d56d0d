using System;
using System.Collections.Generic;

namespace Synced.Core.Model;

/// <summary>
/// A table (Cassandra) or type (Elasticsearch) a store holds, with its columns and whether it meets the data
/// contract (docs/design.md §3). Tables that do not are reported with <see cref="Reason"/> and skipped.
/// </summary>
public sealed class TableInfo
{
    /// <summary>Creates a table description.</summary>
    public TableInfo(string name, IReadOnlyList<ColumnInfo> columns, string? contractViolation = null, string? location = null, TableScan? scan = null)
    {
        Scan = scan;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Reason = contractViolation;
        Location = location ?? name;
    }

    /// <summary>Table / type name (the name both sides share, e.g. <c>users</c>).</summary>
    public string Name { get; }

    /// <summary>Where the store keeps it: <c>keyspace.table</c>, or the index name (e.g. <c>app-users</c>).</summary>
    public string Location { get; }

    /// <summary>Columns / mapped fields, <c>id</c> and <c>tmstmp</c> included.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>How the store reads a time range of the table (index or full scan); null when the store does not say.</summary>
    public TableScan? Scan { get; }

    /// <summary>True when the table meets the data contract and takes part in a sync.</summary>
    public bool MeetsContract => Reason is null;

    /// <summary>Why the table does not meet the contract; null when it does.</summary>
    public string? Reason { get; }

    /// <summary>The column of that name (ordinal, case-sensitive), or null.</summary>
    public ColumnInfo? FindColumn(string name)
    {
        foreach (var column in Columns)
            if (string.Equals(column.Name, name, StringComparison.Ordinal)) return column;
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => MeetsContract ? Location : $"{Location} (skipped: {Reason})";
}
