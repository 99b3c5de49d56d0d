using Synced.Cql.Types;

namespace Synced.Cql.Metadata
{
    /// <summary>A column of a table: name, type, kind, position within its kind and clustering order.</summary>
    public sealed class ColumnMetadata
    {
        public ColumnMetadata(string name, CqlType type, ColumnKind kind, int position, ClusteringOrder clusteringOrder)
        {
            Name = name;
            Type = type;
            Kind = kind;
            Position = position;
            ClusteringOrder = clusteringOrder;
        }

        public string Name { get; }

        public CqlType Type { get; }

        public ColumnKind Kind { get; }

        /// <summary>Position within the partition key or clustering columns (-1 for regular and static columns).</summary>
        public int Position { get; }

        public ClusteringOrder ClusteringOrder { get; }

        public override string ToString() => $"{CqlIdentifier.Quote(Name)} {Type} ({Kind})";
    }
}
