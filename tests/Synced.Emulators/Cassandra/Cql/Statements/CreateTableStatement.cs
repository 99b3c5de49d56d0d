using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>CREATE TABLE [IF NOT EXISTS]</c> with its columns, primary key, clustering order and options.</summary>
internal sealed class CreateTableStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public bool IfNotExists { get; set; }
    public List<ColumnDefinition> Columns { get; } = new();
    public List<string> PartitionKey { get; } = new();
    public List<string> Clustering { get; } = new();
    public List<KeyValuePair<string, bool>> ClusteringOrder { get; } = new();
    public Dictionary<string, object> Properties { get; } = new();
    public bool CompactStorage { get; set; }
}
