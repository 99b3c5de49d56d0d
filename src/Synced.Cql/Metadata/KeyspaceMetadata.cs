using System.Collections.Generic;
using Synced.Cql.Types;

namespace Synced.Cql.Metadata;

/// <summary>A keyspace: replication, tables and user-defined types.</summary>
public sealed class KeyspaceMetadata
{
    public KeyspaceMetadata(string name, bool durableWrites, IReadOnlyDictionary<string, string> replication,
        IReadOnlyDictionary<string, TableMetadata> tables, IReadOnlyDictionary<string, CqlType> userTypes)
    {
        Name = name;
        DurableWrites = durableWrites;
        Replication = replication;
        Tables = tables;
        UserTypes = userTypes;
    }

    public string Name { get; }

    public bool DurableWrites { get; }

    /// <summary>The replication map, e.g. class = ...SimpleStrategy, replication_factor = 1.</summary>
    public IReadOnlyDictionary<string, string> Replication { get; }

    /// <summary>Tables by name.</summary>
    public IReadOnlyDictionary<string, TableMetadata> Tables { get; }

    /// <summary>User-defined types by name.</summary>
    public IReadOnlyDictionary<string, CqlType> UserTypes { get; }

    public override string ToString() => Name;
}
