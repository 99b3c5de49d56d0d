using System;
using System.Collections.Generic;
using System.Net;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Who the node says it is in system.local: cluster, data center, host id, tokens, versions.</summary>
internal sealed class NodeIdentity
{
    public const string ReleaseVersion = "4.0.11";
    public const string CqlVersion = "3.4.5";

    public NodeIdentity(IPAddress address, int port, string clusterName, string dataCenter, string rack, IReadOnlyList<string> tokens)
    {
        Address = address;
        Port = port;
        ClusterName = clusterName;
        DataCenter = dataCenter;
        Rack = rack;
        Tokens = tokens;
    }

    public IPAddress Address { get; }
    public int Port { get; }
    public string ClusterName { get; }
    public string DataCenter { get; }
    public string Rack { get; }
    public IReadOnlyList<string> Tokens { get; }
    public Guid HostId { get; } = Guid.NewGuid();
    public int GossipGeneration { get; } = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
