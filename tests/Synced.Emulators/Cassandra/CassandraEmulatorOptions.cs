using System.Collections.Generic;
using System.Net;

namespace Synced.Emulators.Cassandra;

/// <summary>How an in-memory Cassandra node is started.</summary>
public sealed class CassandraEmulatorOptions
{
    /// <summary>Address to listen on; loopback unless a test says otherwise.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="CassandraEmulator.EndPoint"/>).</summary>
    public int Port { get; set; }

    /// <summary>When set with <see cref="Password"/>, the node requires PasswordAuthenticator.</summary>
    public string? User { get; set; }

    /// <summary>Password for <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>cluster_name in system.local.</summary>
    public string ClusterName { get; set; } = "Synced Emulator Cluster";

    /// <summary>data_center in system.local.</summary>
    public string DataCenter { get; set; } = "datacenter1";

    /// <summary>rack in system.local.</summary>
    public string Rack { get; set; } = "rack1";

    /// <summary>The node's tokens (system.local tokens), as decimal Murmur3 tokens; one token owns the whole ring.</summary>
    public IReadOnlyList<string> Tokens { get; set; } = new[] { "0" };
}
