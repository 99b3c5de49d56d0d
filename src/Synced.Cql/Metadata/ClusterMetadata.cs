using System.Collections.Generic;
using Synced.Cql.Cluster;
using Synced.Cql.Tokens;

namespace Synced.Cql.Metadata;

/// <summary>A snapshot of the cluster's schema (from system_schema) and token ring.</summary>
public sealed class ClusterMetadata
{
    public ClusterMetadata(IReadOnlyDictionary<string, KeyspaceMetadata> keyspaces, TokenRing tokenRing, IReadOnlyList<CqlHost> hosts)
    {
        Keyspaces = keyspaces;
        TokenRing = tokenRing;
        Hosts = hosts;
    }

    /// <summary>Keyspaces by name.</summary>
    public IReadOnlyDictionary<string, KeyspaceMetadata> Keyspaces { get; }

    public TokenRing TokenRing { get; }

    public IReadOnlyList<CqlHost> Hosts { get; }

    /// <summary>A keyspace by name, or null.</summary>
    public KeyspaceMetadata? GetKeyspace(string name) => Keyspaces.TryGetValue(name, out var keyspace) ? keyspace : null;

    /// <summary>A table by keyspace and name, or null.</summary>
    public TableMetadata? GetTable(string keyspace, string table)
        => GetKeyspace(keyspace) is { } ks && ks.Tables.TryGetValue(table, out var t) ? t : null;
}
