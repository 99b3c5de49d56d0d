using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Who a node says it is in system.local and system.peers: address, data center, host id, tokens, versions.</summary>
internal sealed class NodeIdentity
{
    public NodeIdentity(IPAddress address, int port, string clusterName, string dataCenter, string rack, IReadOnlyList<long> tokens, string releaseVersion)
    {
        Address = address;
        Port = port;
        ClusterName = clusterName;
        DataCenter = dataCenter;
        Rack = rack;
        Tokens = tokens;
        ReleaseVersion = releaseVersion;
        var parts = releaseVersion.Split('.');
        Major = int.Parse(parts[0], CultureInfo.InvariantCulture);
        Minor = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
    }

    public IPAddress Address { get; }
    public int Port { get; }
    public IPEndPoint EndPoint => new(Address, Port);
    public string ClusterName { get; }
    public string DataCenter { get; }
    public string Rack { get; }
    public IReadOnlyList<long> Tokens { get; }
    public IReadOnlyList<string> TokenStrings => Tokens.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToList();
    public Guid HostId { get; } = Guid.NewGuid();
    public int GossipGeneration { get; } = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    public string ReleaseVersion { get; }
    public int Major { get; }
    public int Minor { get; }

    /// <summary>Whether the node runs Cassandra 5.0 or later (vector type, storage-attached indexes).</summary>
    public bool IsCassandra5 => Major >= 5;

    /// <summary>The CQL version Cassandra of that release reports (3.4.5 for 4.0, 3.4.6 for 4.1, 3.4.7 for 5.0).</summary>
    public string CqlVersion => Major >= 5 ? "3.4.7" : Major == 4 && Minor >= 1 ? "3.4.6" : "3.4.5";
}
