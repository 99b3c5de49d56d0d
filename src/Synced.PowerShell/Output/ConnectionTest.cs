using System;
using Synced.Core.Connections;

namespace Synced;

/// <summary>What Test-SyncedConnection found for one cluster.</summary>
public sealed class ConnectionTest
{
    internal ConnectionTest(ConnectionCheck check)
    {
        Side = check.Side;
        Endpoint = check.Endpoint;
        Success = check.Success;
        Reachable = check.Reachable;
        Authenticated = check.Authenticated;
        Version = check.Version;
        Target = check.Target;
        TargetExists = check.TargetExists;
        Latency = check.Latency;
        Message = check.Message;
    }

    /// <summary>Cassandra or Elasticsearch.</summary>
    public string Side { get; }

    /// <summary>Contact points / URIs tried.</summary>
    public string Endpoint { get; }

    /// <summary>True when the cluster is usable for a sync.</summary>
    public bool Success { get; }

    /// <summary>A node answered.</summary>
    public bool Reachable { get; }

    /// <summary>The credentials were accepted (or none were needed).</summary>
    public bool Authenticated { get; }

    /// <summary>Server version.</summary>
    public string? Version { get; }

    /// <summary>Keyspace or index checked.</summary>
    public string? Target { get; }

    /// <summary>Whether it exists; empty when not checked.</summary>
    public bool? TargetExists { get; }

    /// <summary>Time taken.</summary>
    public TimeSpan Latency { get; }

    /// <summary>What was found, or what went wrong and what to do.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Side}: {Message}";
}
