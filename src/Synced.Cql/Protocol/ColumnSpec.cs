using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>One column of result or bind-variable metadata: where it comes from, its name and type.</summary>
public sealed class ColumnSpec
{
    internal ColumnSpec(string keyspace, string table, string name, CqlType type)
    {
        Keyspace = keyspace;
        Table = table;
        Name = name;
        Type = type;
    }

    public string Keyspace { get; }

    public string Table { get; }

    public string Name { get; }

    public CqlType Type { get; }

    public override string ToString() => $"{Keyspace}.{Table}.{Name} {Type}";
}
