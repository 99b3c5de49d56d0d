using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Describes a result column or a bind variable: where it comes from, its name and type.</summary>
internal sealed class ColumnSpec
{
    public ColumnSpec(string keyspace, string table, string name, ColumnType type)
    {
        Keyspace = keyspace;
        Table = table;
        Name = name;
        Type = type;
    }

    public string Keyspace { get; }
    public string Table { get; }
    public string Name { get; }
    public ColumnType Type { get; }
}
