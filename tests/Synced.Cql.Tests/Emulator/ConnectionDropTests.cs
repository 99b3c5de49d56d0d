using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Emulator;

/// <summary>The drop fault ends a connection without answering, and the node carries on serving others.</summary>
[Trait("Category", "Integration")]
public class ConnectionDropTests
{
    [Fact]
    public async Task A_dropped_connection_gets_no_answer_is_closed_and_forgotten_while_new_connections_still_work()
    {
        await using var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        var dropped = await RawCqlClient.ConnectAndStartAsync(emulator.EndPoint);
        emulator.Faults.DropConnectionAfterFrames(0);

        await RawCqlClient.SendQueryAsync(dropped, "SELECT release_version FROM system.local");

        Assert.Equal(0, await RawCqlClient.ReadUntilClosedAsync(dropped));
        dropped.Dispose();
        for (var i = 0; i < 100 && emulator.ConnectionCount > 0; i++) await Task.Delay(50);
        Assert.Equal(0, emulator.ConnectionCount);
        var next = await RawCqlClient.ConnectAndStartAsync(emulator.EndPoint);
        Assert.Equal(1, emulator.ConnectionCount);
        next.Dispose();
    }
}
