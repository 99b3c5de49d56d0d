using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>A table's definition: key layout, columns, options. Immutable.</summary>
internal sealed class TableSchema
{
    public TableSchema(string keyspace, string name, Guid id, IReadOnlyList<ColumnSchema> partitionKey, IReadOnlyList<ColumnSchema> clustering,
        IReadOnlyList<ColumnSchema> others, IReadOnlyDictionary<string, object> options, int defaultTtl, IReadOnlyList<IndexSchema>? indexes = null)
    {
        Indexes = indexes ?? Array.Empty<IndexSchema>();
        Keyspace = keyspace;
        Name = name;
        Id = id;
        PartitionKey = partitionKey;
        Clustering = clustering;
        // SELECT * order (Cassandra's): partition key, clustering, static columns by name, regular columns by name.
        Others = others.OrderBy(c => c.Kind == ColumnKind.Static ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < Others.Count; i++) Others[i].CellIndex = i;
        AllColumns = partitionKey.Concat(clustering).Concat(Others).ToArray();
        ByName = AllColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Options = options;
        DefaultTtl = defaultTtl;
        HasStatic = Others.Any(c => c.Kind == ColumnKind.Static);
        IsCounter = Others.Any(c => c.Type.Kind == TypeKind.Counter);
    }

    public string Keyspace { get; }
    public string Name { get; }
    public Guid Id { get; }
    public IReadOnlyList<ColumnSchema> PartitionKey { get; }
    public IReadOnlyList<ColumnSchema> Clustering { get; }
    /// <summary>Regular and static columns, in cell-index order.</summary>
    public IReadOnlyList<ColumnSchema> Others { get; }
    public IReadOnlyList<ColumnSchema> AllColumns { get; }
    public IReadOnlyDictionary<string, ColumnSchema> ByName { get; }
    /// <summary>WITH options as given: strings, or string maps for compaction/compression/caching.</summary>
    public IReadOnlyDictionary<string, object> Options { get; }
    public int DefaultTtl { get; }
    public bool HasStatic { get; }
    public bool IsCounter { get; }
    /// <summary>The table's secondary indexes (legacy and storage-attached).</summary>
    public IReadOnlyList<IndexSchema> Indexes { get; }

    /// <summary>The same table with other indexes (columns and options unchanged).</summary>
    public TableSchema WithIndexes(IReadOnlyList<IndexSchema> indexes)
        => new(Keyspace, Name, Id, PartitionKey.Select(c => c.Copy()).ToArray(), Clustering.Select(c => c.Copy()).ToArray(), Others.Select(c => c.Copy()).ToList(), Options, DefaultTtl, indexes);

    public ColumnSchema? Find(string name) => ByName.TryGetValue(name, out var c) ? c : null;

    public ColumnSchema Column(string name) => Find(name) ?? throw new Cql.CqlInvalidException($"Undefined column name {name}");
}
