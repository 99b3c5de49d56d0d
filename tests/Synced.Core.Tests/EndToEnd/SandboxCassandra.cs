using System;
using Synced.Cql.Protocol;

namespace Synced.Core.Tests.EndToEnd;

/// <summary>
/// The Cassandra cluster a sandbox starts: release, node count, the keyspace's replication factor, and the
/// consistency the store reads and writes at.
/// </summary>
internal sealed class SandboxCassandra
{
    /// <summary>One node of 4.1, replication factor 1, the store at ONE.</summary>
    public static readonly SandboxCassandra SingleNode = new();

    /// <summary>Three nodes, replication factor 3, the store at LOCAL_QUORUM (two replicas of three answer every read and write), DDL reaching the other nodes late.</summary>
    public static readonly SandboxCassandra ThreeNodes = new()
    {
        Nodes = 3,
        ReplicationFactor = 3,
        Consistency = Consistency.LocalQuorum,
        SchemaPropagationDelay = TimeSpan.FromMilliseconds(150),
    };

    /// <summary>One node of 5.0 (storage-attached indexes), replication factor 1, the store at ONE.</summary>
    public static readonly SandboxCassandra Cassandra5 = new() { Version = "5.0.2" };

    /// <summary>release_version of the nodes; null for the emulator's default (4.1).</summary>
    public string? Version { get; init; }

    public int Nodes { get; init; } = 1;

    public int ReplicationFactor { get; init; } = 1;

    /// <summary>The store's read and write consistency.</summary>
    public Consistency Consistency { get; init; } = Consistency.One;

    /// <summary>How long DDL takes to reach the nodes other than its coordinator.</summary>
    public TimeSpan SchemaPropagationDelay { get; init; } = TimeSpan.Zero;
}
