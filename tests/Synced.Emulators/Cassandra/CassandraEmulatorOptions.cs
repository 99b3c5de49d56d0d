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
}
