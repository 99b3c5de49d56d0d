namespace Synced.Cql.Metadata;

/// <summary>Sort order of a clustering column; None for other columns.</summary>
public enum ClusteringOrder
{
    None,
    Ascending,
    Descending,
}
