using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>The whole schema at one version; swapped atomically on DDL so readers never lock.</summary>
internal sealed class SchemaSnapshot
{
    public SchemaSnapshot(ImmutableSortedDictionary<string, KeyspaceSchema> keyspaces, Guid version)
    {
        Keyspaces = keyspaces;
        Version = version;
    }

    public ImmutableSortedDictionary<string, KeyspaceSchema> Keyspaces { get; }
    public Guid Version { get; }

    public KeyspaceSchema? FindKeyspace(string name) => Keyspaces.TryGetValue(name, out var k) ? k : null;
}
