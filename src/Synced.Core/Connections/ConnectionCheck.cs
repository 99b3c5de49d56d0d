using System;

namespace Synced.Core.Connections;

/// <summary>What checking one cluster found: reachability, credentials, version, and the keyspace / index.</summary>
public sealed class ConnectionCheck
{
    /// <summary>Cassandra or Elasticsearch.</summary>
    public StoreSide Side { get; internal set; }

    /// <summary>The contact points / URIs tried (no credentials).</summary>
    public string Endpoint { get; internal set; } = string.Empty;

    /// <summary>True when a node answered.</summary>
    public bool Reachable { get; internal set; }

    /// <summary>True when the node accepted the credentials (or needed none).</summary>
    public bool Authenticated { get; internal set; }

    /// <summary>The server's version, when it answered.</summary>
    public string? Version { get; internal set; }

    /// <summary>The keyspace or index checked.</summary>
    public string? Target { get; internal set; }

    /// <summary>Whether the keyspace / index exists; null when not checked or not reachable.</summary>
    public bool? TargetExists { get; internal set; }

    /// <summary>Time to connect and check.</summary>
    public TimeSpan Latency { get; internal set; }

    /// <summary>What went wrong and what to do, or a short summary when all is well.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>True when everything checked is usable.</summary>
    public bool Success => Reachable && Authenticated && TargetExists != false;

    /// <summary>The failure, when there is one (a missing keyspace or index included).</summary>
    public ConnectionFailure? Failure { get; internal set; }
}
