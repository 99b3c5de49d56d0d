using Synced.Cql.Types;

namespace Synced.Cql.Metadata;

/// <summary>A column of a table: name, type, kind, position within its kind and clustering order.</summary>
public sealed class ColumnMetadata
{
    public ColumnMetadata(string name, CqlType type, ColumnKind kind, int position, ClusteringOrder clusteringOrder)
        : this(name, type, kind, position, clusteringOrder, null)
    {
    }

    /// <summary>A column whose type text could not be parsed: <paramref name="type"/> stands in for it, <paramref name="typeProblem"/> says why.</summary>
    public ColumnMetadata(string name, CqlType type, ColumnKind kind, int position, ClusteringOrder clusteringOrder, string? typeProblem)
    {
        Name = name;
        Type = type;
        Kind = kind;
        Position = position;
        ClusteringOrder = clusteringOrder;
        TypeProblem = typeProblem;
    }

    /// <summary>
    /// Why the schema's type text of this column is not understood (a type newer than this client, or a custom type
    /// it cannot parse), or null. Such a column's <see cref="Type"/> is a custom type holding the text, so the rest
    /// of the schema still loads; its values can only be read as bytes.
    /// </summary>
    public string? TypeProblem { get; }

    public string Name { get; }

    public CqlType Type { get; }

    public ColumnKind Kind { get; }

    /// <summary>Position within the partition key or clustering columns (-1 for regular and static columns).</summary>
    public int Position { get; }

    public ClusteringOrder ClusteringOrder { get; }

    public override string ToString() => $"{CqlIdentifier.Quote(Name)} {Type} ({Kind})";
}
