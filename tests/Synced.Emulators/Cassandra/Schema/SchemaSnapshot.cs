using System;
using System.Collections.Immutable;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>The whole schema at one version; swapped atomically on DDL so readers never lock.</summary>
internal sealed class SchemaSnapshot
{
    public SchemaSnapshot(ImmutableSortedDictionary<string, KeyspaceSchema> keyspaces, Guid version, long sequence = 0)
    {
        Keyspaces = keyspaces;
        Version = version;
        Sequence = sequence;
    }

    public ImmutableSortedDictionary<string, KeyspaceSchema> Keyspaces { get; }
    public Guid Version { get; }
    /// <summary>Position in the cluster's schema history: a node applies a snapshot only when it is newer than its own.</summary>
    public long Sequence { get; }

    public SchemaSnapshot WithSequence(long sequence) => new(Keyspaces, Version, sequence);

    public TableSchema? FindTable(string keyspace, string table)
        => FindKeyspace(keyspace) is { } ks && ks.Tables.TryGetValue(table, out var t) ? t : null;

    public KeyspaceSchema? FindKeyspace(string name) => Keyspaces.TryGetValue(name, out var k) ? k : null;
}
