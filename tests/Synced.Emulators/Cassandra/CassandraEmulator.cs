using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Emulators.Cassandra;

/// <summary>An in-memory Cassandra node speaking the CQL native protocol v4 on a TCP port.</summary>
public sealed class CassandraEmulator : IAsyncDisposable
{
    private CassandraEmulator() { }

    /// <summary>The address and port the node accepts connections on.</summary>
    public IPEndPoint EndPoint { get; private set; } = new IPEndPoint(IPAddress.Loopback, 0);

    /// <summary>Starts a node; returns once it accepts connections.</summary>
    public static Task<CassandraEmulator> StartAsync(CassandraEmulatorOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("the Cassandra emulator is being written (issue 3)");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => default;
}
