using System;
using Synced.Core.Connections;
using Synced.PowerShell.Infrastructure;

namespace Synced;

/// <summary>What Test-SyncedConnection found for one cluster.</summary>
public sealed class ConnectionTest
{
    private readonly ConnectionCheck _check;

    internal ConnectionTest(ConnectionCheck check) => _check = check;

    /// <summary>Cassandra or Elasticsearch.</summary>
    public string Side => _check.Side.ToString();

    /// <summary>Contact points / URIs tried.</summary>
    public string Endpoint => _check.Endpoint;

    /// <summary>True when the cluster is usable for a sync.</summary>
    public bool Success => _check.Success;

    /// <summary>A node answered.</summary>
    public bool Reachable => _check.Reachable;

    /// <summary>The credentials were accepted (or none were needed).</summary>
    public bool Authenticated => _check.Authenticated;

    /// <summary>Server version.</summary>
    public string? Version => _check.Version;

    /// <summary>Keyspace or index checked.</summary>
    public string? Target => _check.Target;

    /// <summary>Whether it exists; empty when not checked.</summary>
    public bool? TargetExists => _check.TargetExists;

    /// <summary>Time taken.</summary>
    public TimeSpan Latency => _check.Latency;

    /// <summary>What was found, or what went wrong and what to do (with the parameters to check).</summary>
    public string Message => _check.Failure is { } failure ? ParameterNames.Describe(failure) : _check.Message;

    /// <inheritdoc />
    public override string ToString() => $"{Side}: {Message}";
}
