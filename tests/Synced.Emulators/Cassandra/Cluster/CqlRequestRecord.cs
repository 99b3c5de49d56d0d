using System;
using System.Collections.Generic;
using System.Net;

namespace Synced.Emulators.Cassandra;

/// <summary>
/// One request the cluster served, as its coordinator saw it: which node coordinated it, which replicas served its
/// data, and the partition tokens or token range it touched. Tests read these to prove token-aware routing.
/// </summary>
public sealed class CqlRequestRecord
{
    internal CqlRequestRecord(IPEndPoint coordinator, long connectionId, CqlOpcode opcode, string? query, string? keyspace, string? table,
        ConsistencyLevel consistency, IReadOnlyList<long> tokens, (long From, long To)? range, IReadOnlyList<IPAddress> replicas, CqlErrorCode? error)
    {
        Coordinator = coordinator;
        ConnectionId = connectionId;
        Opcode = opcode;
        Query = query;
        Keyspace = keyspace;
        Table = table;
        Consistency = consistency;
        Tokens = tokens;
        Range = range;
        Replicas = replicas;
        Error = error;
        Time = DateTimeOffset.UtcNow;
    }

    /// <summary>The node the client sent the request to.</summary>
    public IPEndPoint Coordinator { get; }

    /// <summary>The client connection on that node (1, 2, ... per node, in accept order).</summary>
    public long ConnectionId { get; }

    public CqlOpcode Opcode { get; }

    /// <summary>CQL text (of a prepared statement for EXECUTE; joined by "; " for BATCH).</summary>
    public string? Query { get; }

    public string? Keyspace { get; }

    /// <summary>The table read or written, when the request touched one.</summary>
    public string? Table { get; }

    public ConsistencyLevel Consistency { get; }

    /// <summary>Murmur3 tokens of the partitions a single-partition read or a write touched.</summary>
    public IReadOnlyList<long> Tokens { get; }

    /// <summary>The inclusive token range of a range read.</summary>
    public (long From, long To)? Range { get; }

    /// <summary>The replica nodes whose data served the request (for writes: every live replica written).</summary>
    public IReadOnlyList<IPAddress> Replicas { get; }

    /// <summary>The error the request was answered with, if any.</summary>
    public CqlErrorCode? Error { get; }

    public DateTimeOffset Time { get; }

    /// <summary>Whether the coordinator held the data itself (it is one of the replicas that served).</summary>
    public bool CoordinatorWasReplica => System.Linq.Enumerable.Contains(Replicas, Coordinator.Address);

    public override string ToString() => $"{Opcode} on {Coordinator.Address} ({Query}) -> [{string.Join(", ", Replicas)}]{(Error is { } e ? " " + e : "")}";
}
