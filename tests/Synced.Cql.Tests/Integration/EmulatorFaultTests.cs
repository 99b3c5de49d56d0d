using System;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Errors;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Cql.Tests.Integration;

/// <summary>Retries, re-preparation and reconnection against the emulator's fault injection.</summary>
[Trait("Category", "Integration")]
public class EmulatorFaultTests : EmulatorSession
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Session.ExecuteAsync("CREATE TABLE f (k int PRIMARY KEY, v text)");
        await Session.ExecuteAsync("INSERT INTO f (k, v) VALUES (1, 'one')");
    }

    [Theory]
    [InlineData(CqlErrorCode.Overloaded)]
    [InlineData(CqlErrorCode.Unavailable)]
    [InlineData(CqlErrorCode.ReadTimeout)]
    public async Task Read_retries_through_transient_errors(CqlErrorCode code)
    {
        Emulator.Faults.FailNextMatching("FROM f", code, "injected", count: 2);

        var result = await Session.ExecuteAsync("SELECT v FROM f WHERE k = 1");

        Assert.Equal("one", result.Rows![0].GetString(0));
    }

    [Fact]
    public async Task Non_idempotent_write_fails_on_the_first_write_timeout()
    {
        Emulator.Faults.FailNextMatching("INSERT INTO f", CqlErrorCode.WriteTimeout, "injected", count: 1);

        await Assert.ThrowsAsync<WriteTimeoutException>(() => Session.ExecuteAsync("INSERT INTO f (k, v) VALUES (2, 'two')"));
        var after = await Session.ExecuteAsync("SELECT v FROM f WHERE k = 2");

        Assert.Empty(after.Rows!);
    }

    [Fact]
    public async Task Idempotent_write_retries_a_write_timeout()
    {
        Emulator.Faults.FailNextMatching("INSERT INTO f", CqlErrorCode.WriteTimeout, "injected", count: 1);

        await Session.ExecuteAsync(new SimpleStatement("INSERT INTO f (k, v) VALUES (3, 'three')") { IsIdempotent = true });

        Assert.Equal("three", (await Session.ExecuteAsync("SELECT v FROM f WHERE k = 3")).Rows![0].GetString(0));
    }

    [Fact]
    public async Task Retries_stop_at_the_policy_bound_with_the_last_error()
    {
        Emulator.Faults.FailNextMatching("FROM f", CqlErrorCode.Overloaded, "still overloaded", count: 100);

        var error = await Assert.ThrowsAsync<OverloadedException>(() => Session.ExecuteAsync("SELECT v FROM f WHERE k = 1"));

        Assert.Contains("still overloaded", error.Message);
        Emulator.Faults.Clear();
    }

    [Fact]
    public async Task Statement_forgotten_by_the_node_is_prepared_again_transparently()
    {
        var select = await Session.PrepareAsync("SELECT v FROM f WHERE k = ?");
        Assert.Equal("one", (await Session.ExecuteAsync(select.Bind(1))).Rows![0].GetString(0));

        Emulator.ForgetPreparedStatements();
        var again = await Session.ExecuteAsync(select.Bind(1));

        Assert.Equal("one", again.Rows![0].GetString(0));
    }

    [Fact]
    public async Task Dropped_connection_is_reopened_and_a_read_retried()
    {
        Emulator.Faults.DropConnectionAfterFrames(0);

        var result = await Session.ExecuteAsync("SELECT v FROM f WHERE k = 1");

        Assert.Equal("one", result.Rows![0].GetString(0));
    }

    [Fact]
    public async Task Slow_node_times_out_with_the_statement_and_duration()
    {
        Emulator.Faults.AddLatency(TimeSpan.FromSeconds(2), r => r.Query != null && r.Query.Contains("VALUES (5,", StringComparison.OrdinalIgnoreCase), count: 1);

        var error = await Assert.ThrowsAsync<CqlTimeoutException>(() => Session.ExecuteAsync(
            new SimpleStatement("INSERT INTO f (k, v) VALUES (5, 'x')") { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Contains("INSERT INTO f", error.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
    }

    [Fact]
    public async Task Many_concurrent_statements_share_few_connections()
    {
        var insert = await Session.PrepareAsync("INSERT INTO f (k, v) VALUES (?, ?)");

        await Task.WhenAll(Enumerable.Range(100, 2000).Select(i => Session.ExecuteAsync(insert.Bind(i, "v"))));

        Assert.True(Emulator.ConnectionCount <= Session.Options.ConnectionsPerHost + 1, $"{Emulator.ConnectionCount} connections");
        var count = (await Session.ExecuteAsync("SELECT COUNT(*) FROM f")).Rows![0].GetInt64(0);
        Assert.Equal(2001, count);
    }
}
