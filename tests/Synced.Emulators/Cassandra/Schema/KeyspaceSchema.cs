using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>A keyspace with its replication options, tables and types. Immutable: DDL builds a new one.</summary>
internal sealed class KeyspaceSchema
{
    public KeyspaceSchema(string name, IReadOnlyDictionary<string, string> replication, bool durableWrites,
        ImmutableSortedDictionary<string, TableSchema> tables, ImmutableSortedDictionary<string, UserTypeSchema> types, bool isSystem)
    {
        Name = name;
        Replication = replication;
        DurableWrites = durableWrites;
        Tables = tables;
        Types = types;
        IsSystem = isSystem;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Replication { get; }
    public bool DurableWrites { get; }
    public ImmutableSortedDictionary<string, TableSchema> Tables { get; }
    public ImmutableSortedDictionary<string, UserTypeSchema> Types { get; }
    /// <summary>System keyspaces cannot be altered and their tables are generated.</summary>
    public bool IsSystem { get; }

    public KeyspaceSchema WithTables(ImmutableSortedDictionary<string, TableSchema> tables) => new(Name, Replication, DurableWrites, tables, Types, IsSystem);
    public KeyspaceSchema WithTypes(ImmutableSortedDictionary<string, UserTypeSchema> types) => new(Name, Replication, DurableWrites, Tables, types, IsSystem);

    public static ImmutableSortedDictionary<string, TableSchema> NoTables => ImmutableSortedDictionary.Create<string, TableSchema>(StringComparer.Ordinal);
    public static ImmutableSortedDictionary<string, UserTypeSchema> NoTypes => ImmutableSortedDictionary.Create<string, UserTypeSchema>(StringComparer.Ordinal);
}
