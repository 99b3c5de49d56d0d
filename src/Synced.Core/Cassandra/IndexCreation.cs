using Synced.Core.Model;

namespace Synced.Core.Cassandra;

/// <summary>What <see cref="CassandraStore.CreateTmstmpIndexAsync"/> did for one table.</summary>
public sealed class IndexCreation
{
    internal IndexCreation(TableInfo table, string indexName, string statement, bool created, string? schemaNote)
    {
        Table = table;
        IndexName = indexName;
        Statement = statement;
        Created = created;
        SchemaNote = schemaNote;
    }

    /// <summary>The table as it is now (its <see cref="TableInfo.Scan"/> reads through the index).</summary>
    public TableInfo Table { get; }

    /// <summary>The index on tmstmp: the one created, or the one the table had.</summary>
    public string IndexName { get; }

    /// <summary>The CREATE INDEX statement that was run (or, for a table that had an index, would have been).</summary>
    public string Statement { get; }

    /// <summary>True when this call created the index; false when the table had one already.</summary>
    public bool Created { get; }

    /// <summary>When not every live node reported the change in time: what that means and what to check; else null.</summary>
    public string? SchemaNote { get; }
}
