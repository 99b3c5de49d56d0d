using System;
using System.Collections.Generic;
using System.Net;

namespace Synced.Cql.Cluster;

/// <summary>A node of the cluster as this client knows it.</summary>
public sealed class CqlHost
{
    internal CqlHost(IPEndPoint endPoint)
    {
        EndPoint = endPoint;
        Address = Connections.CqlConnection.HostLabel(endPoint);
    }

    /// <summary>Where the client connects to (native transport address and port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>host:port.</summary>
    public string Address { get; }

    public string? DataCenter { get; internal set; }

    public string? Rack { get; internal set; }

    public Guid? HostId { get; internal set; }

    public string? ReleaseVersion { get; internal set; }

    /// <summary>Tokens the node owns (Murmur3).</summary>
    public IReadOnlyList<long> Tokens { get; internal set; } = Array.Empty<long>();

    /// <summary>False while the client cannot connect to the node (it retries with backoff).</summary>
    public bool IsUp { get; internal set; } = true;

    /// <summary>The host name to check in TLS certificates (the contact point's name when known).</summary>
    internal string? TlsServerName { get; set; }

    public override string ToString() => $"{Address} dc={DataCenter ?? "?"} rack={Rack ?? "?"}{(IsUp ? string.Empty : " (down)")}";
}
