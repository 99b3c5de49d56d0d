using System;
using System.Collections.Generic;
using System.Net;

namespace Synced.Emulators.Cassandra;

/// <summary>How an emulated Cassandra cluster (one node or several) is started.</summary>
public sealed class CassandraEmulatorOptions
{
    /// <summary>
    /// Address of the first node; node i (from 0) listens on this address plus i (127.0.0.1, 127.0.0.2, ... on
    /// loopback, where the whole 127/8 network is local), all on the same port as the nodes of a real cluster.
    /// </summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port of every node; 0 picks a port free on every node's address (read it back from <see cref="CassandraEmulator.EndPoint"/>).</summary>
    public int Port { get; set; }

    /// <summary>Number of nodes (all in <see cref="DataCenter"/>) unless <see cref="NodeDataCenters"/> names each node's data center.</summary>
    public int Nodes { get; set; } = 1;

    /// <summary>The data center of each node, in node order (e.g. dc1, dc1, dc2, dc2); overrides <see cref="Nodes"/>.</summary>
    public IReadOnlyList<string>? NodeDataCenters { get; set; }

    /// <summary>Tokens per node (num_tokens; 16 as in Cassandra 4.x's cassandra.yaml).</summary>
    public int NumTokens { get; set; } = 16;

    /// <summary>
    /// Explicit tokens of a single-node cluster (decimal Murmur3 tokens), instead of <see cref="NumTokens"/>
    /// generated ones; null to generate.
    /// </summary>
    public IReadOnlyList<string>? Tokens { get; set; }

    /// <summary>release_version the nodes report: 4.1.x by default; 5.0.x turns on Cassandra 5.0 features (vector type, SAI).</summary>
    public string CassandraVersion { get; set; } = "4.1.5";

    /// <summary>When set with <see cref="Password"/>, the nodes require PasswordAuthenticator.</summary>
    public string? User { get; set; }

    /// <summary>Password for <see cref="User"/>.</summary>
    public string? Password { get; set; }

    /// <summary>cluster_name in system.local.</summary>
    public string ClusterName { get; set; } = "Synced Emulator Cluster";

    /// <summary>data_center of every node unless <see cref="NodeDataCenters"/> says otherwise.</summary>
    public string DataCenter { get; set; } = "datacenter1";

    /// <summary>rack of every node.</summary>
    public string Rack { get; set; } = "rack1";

    /// <summary>The cassandra.yaml settings the nodes run with; they can be changed while the cluster runs.</summary>
    public CassandraSettings Settings { get; set; } = new();

    internal IReadOnlyList<string> DataCenterOfEachNode()
    {
        if (NodeDataCenters is { Count: > 0 } named) return named;
        if (Nodes < 1) throw new ArgumentException($"Nodes must be at least 1, not {Nodes}.", nameof(Nodes));
        var list = new string[Nodes];
        Array.Fill(list, DataCenter);
        return list;
    }
}
