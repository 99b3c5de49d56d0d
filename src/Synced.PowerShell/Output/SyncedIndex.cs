using Synced.Core.Cassandra;

namespace Synced;

/// <summary>The storage-attached index on tmstmp of a Cassandra table, as Add-SyncedIndex left it.</summary>
public sealed class SyncedIndex
{
    internal SyncedIndex(string keyspace, IndexCreation creation)
    {
        Keyspace = keyspace;
        Table = creation.Table.Name;
        Name = creation.IndexName;
        Created = creation.Created;
        Statement = creation.Statement;
    }

    /// <summary>The keyspace.</summary>
    public string Keyspace { get; }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>The index on tmstmp: the one created, or the one the table had.</summary>
    public string Name { get; }

    /// <summary>The indexed column (always tmstmp).</summary>
    public string Column => "tmstmp";

    /// <summary>True when this call created the index; false when the table had one already.</summary>
    public bool Created { get; }

    /// <summary>The CREATE INDEX statement run (for an index that was there, the one that would have been).</summary>
    public string Statement { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Keyspace}.{Table} {Name}";
}
