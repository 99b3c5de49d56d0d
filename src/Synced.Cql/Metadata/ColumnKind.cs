namespace Synced.Cql.Metadata;

/// <summary>The role of a column in its table (system_schema.columns.kind).</summary>
public enum ColumnKind
{
    PartitionKey,
    Clustering,
    Regular,
    Static,
}
