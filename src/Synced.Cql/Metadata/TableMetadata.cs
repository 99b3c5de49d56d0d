using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Cql.Metadata;

/// <summary>A table: its columns, partition key and clustering columns in key order.</summary>
public sealed class TableMetadata
{
    public TableMetadata(string keyspace, string name, IReadOnlyList<ColumnMetadata> columns)
        : this(keyspace, name, columns, Array.Empty<IndexMetadata>())
    {
    }

    /// <summary>A table with its secondary indexes (system_schema.indexes).</summary>
    public TableMetadata(string keyspace, string name, IReadOnlyList<ColumnMetadata> columns, IReadOnlyList<IndexMetadata> indexes)
    {
        Indexes = indexes ?? throw new ArgumentNullException(nameof(indexes));
        Keyspace = keyspace;
        Name = name;
        PartitionKey = columns.Where(c => c.Kind == ColumnKind.PartitionKey).OrderBy(c => c.Position).ToArray();
        ClusteringColumns = columns.Where(c => c.Kind == ColumnKind.Clustering).OrderBy(c => c.Position).ToArray();
        // The order of SELECT *: key columns in key order, then static columns, then regular ones, each by name.
        Columns = PartitionKey.Concat(ClusteringColumns)
            .Concat(columns.Where(c => c.Kind == ColumnKind.Static).OrderBy(c => c.Name, StringComparer.Ordinal))
            .Concat(columns.Where(c => c.Kind == ColumnKind.Regular).OrderBy(c => c.Name, StringComparer.Ordinal))
            .ToArray();
    }

    public string Keyspace { get; }

    public string Name { get; }

    /// <summary>All columns in SELECT * order: partition key, clustering, static by name, regular by name.</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    public IReadOnlyList<ColumnMetadata> PartitionKey { get; }

    public IReadOnlyList<ColumnMetadata> ClusteringColumns { get; }

    /// <summary>The table's secondary indexes (legacy and storage-attached), by name order of system_schema.indexes.</summary>
    public IReadOnlyList<IndexMetadata> Indexes { get; }

    /// <summary>A column by exact name, or null.</summary>
    public ColumnMetadata? GetColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public override string ToString() => $"{Keyspace}.{Name}";
}
