using System;
using System.Threading;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Integration;

/// <summary>Starts an in-process Cassandra emulator on a free loopback port and a session to it, for one test.</summary>
public abstract class EmulatorSession : IAsyncLifetime
{
    private static int _keyspaceCounter;

    protected CassandraEmulator Emulator { get; private set; } = null!;

    protected CqlSession Session { get; private set; } = null!;

    /// <summary>A keyspace name unique to this test.</summary>
    protected string Keyspace { get; } = "it_" + Interlocked.Increment(ref _keyspaceCounter) + "_" + Guid.NewGuid().ToString("N").Substring(0, 8);

    protected virtual CassandraEmulatorOptions EmulatorOptions => new() { Port = 0 };

    protected CqlClusterOptions ClientOptions(Action<CqlClusterOptions>? configure = null)
    {
        var options = new CqlClusterOptions
        {
            HeartbeatInterval = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        options.ContactPoints.Add(Emulator.EndPoint.ToString());
        configure?.Invoke(options);
        return options;
    }

    public virtual async Task InitializeAsync()
    {
        Emulator = await CassandraEmulator.StartAsync(EmulatorOptions);
        Session = await CqlSession.ConnectAsync(ClientOptions());
        await Session.ExecuteAsync($"CREATE KEYSPACE {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await Session.ExecuteAsync($"USE {Keyspace}");
    }

    public virtual async Task DisposeAsync()
    {
        if (Session != null)
        {
            await Session.DisposeAsync();
        }

        if (Emulator != null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
