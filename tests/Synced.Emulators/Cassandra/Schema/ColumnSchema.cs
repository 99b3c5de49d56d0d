namespace Synced.Emulators.Cassandra.Schema;

/// <summary>One column of a table.</summary>
internal sealed class ColumnSchema
{
    public ColumnSchema(string name, ColumnType type, ColumnKind kind, int position, bool descending)
    {
        Name = name;
        Type = type;
        Kind = kind;
        Position = position;
        Descending = descending;
    }

    public string Name { get; }
    public ColumnType Type { get; }
    public ColumnKind Kind { get; }
    /// <summary>Position within the partition key or clustering key; -1 for regular and static columns.</summary>
    public int Position { get; }
    public bool Descending { get; }
    /// <summary>Index into the row's cell array (regular and static columns only).</summary>
    public int CellIndex { get; set; } = -1;

    public bool IsPrimaryKey => Kind is ColumnKind.PartitionKey or ColumnKind.Clustering;

    /// <summary>A copy for another version of the table (cell indexes are per table version).</summary>
    public ColumnSchema Copy() => new(Name, Type, Kind, Position, Descending);

    public string KindText => Kind switch
    {
        ColumnKind.PartitionKey => "partition_key",
        ColumnKind.Clustering => "clustering",
        ColumnKind.Static => "static",
        _ => "regular",
    };

    public string ClusteringOrderText => Kind == ColumnKind.Clustering ? (Descending ? "desc" : "asc") : "none";
}
