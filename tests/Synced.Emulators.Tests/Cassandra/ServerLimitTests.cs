using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Cassandra.Storage;
using Synced.Emulators.Tests.Cassandra.Cluster;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>Read timeouts, tombstone thresholds, the mutation size limit and the allow_filtering guardrail.</summary>
public sealed class ServerLimitTests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(Action<CassandraEmulatorOptions>? configure = null)
    {
        var options = new CassandraEmulatorOptions();
        configure?.Invoke(options);
        var cluster = await CassandraEmulator.StartAsync(options);
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v text)")).ThrowIfError();
        return (cluster, client);
    }

    [Fact]
    public async Task A_read_over_a_slow_token_range_answers_ReadTimeout_after_the_range_request_timeout()
    {
        var (cluster, client) = await StartAsync(o => o.Settings.RangeRequestTimeout = TimeSpan.FromMilliseconds(300));
        await using var _ = cluster;
        await using var __ = client;
        for (var k = 0; k < 10; k++) (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, 'x')")).ThrowIfError();
        cluster.Faults.MakeTokenRangeSlow("ks", "t", 0, long.MaxValue);

        var clock = Stopwatch.StartNew();
        var slow = await client.QueryAsync("SELECT * FROM ks.t WHERE token(k) > 100 AND token(k) <= 200", ConsistencyLevel.One);
        Assert.True(clock.ElapsedMilliseconds >= 290, $"answered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(CqlErrorCode.ReadTimeout, slow.ErrorCode);
        Assert.Equal("Operation timed out - received only 0 responses.", slow.ErrorMessage);
        var r = slow.Reader();
        r.ReadInt();
        r.ReadString();
        Assert.Equal(ConsistencyLevel.One, r.ReadConsistency());
        Assert.Equal(0, r.ReadInt()); // received
        Assert.Equal(1, r.ReadInt()); // block for
        Assert.Equal(0, r.ReadByte()); // data present

        // Ranges that do not meet the slow one answer at once.
        (await client.QueryAsync($"SELECT * FROM ks.t WHERE token(k) > {long.MinValue} AND token(k) <= -1")).Rows();
    }

    [Fact]
    public async Task A_single_partition_read_in_a_slow_range_waits_the_read_request_timeout()
    {
        var (cluster, client) = await StartAsync(o => o.Settings.ReadRequestTimeout = TimeSpan.FromMilliseconds(200));
        await using var _ = cluster;
        await using var __ = client;
        var token = Tokens.Of(ClusterTopologyTests.Int(5));
        cluster.Faults.MakeTokenRangeSlow("ks", null, token, token, count: 1);
        var clock = Stopwatch.StartNew();
        Assert.Equal(CqlErrorCode.ReadTimeout, (await client.QueryAsync("SELECT * FROM ks.t WHERE k = 5")).ErrorCode);
        Assert.True(clock.ElapsedMilliseconds >= 190);
        // The fault was for one read.
        Assert.Empty((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 5")).Rows().Rows);
    }

    [Fact]
    public async Task A_scan_over_more_tombstones_than_the_failure_threshold_fails_and_one_over_the_warning_threshold_warns()
    {
        var (cluster, client) = await StartAsync(o =>
        {
            o.Settings.TombstoneWarnThreshold = 5;
            o.Settings.TombstoneFailureThreshold = 12;
        });
        await using var _ = cluster;
        await using var __ = client;
        for (var k = 0; k < 30; k++) (await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES ({k}, 'x')")).ThrowIfError();
        for (var k = 0; k < 8; k++) (await client.QueryAsync($"DELETE FROM ks.t WHERE k = {k}")).ThrowIfError();

        var warned = await client.QueryAsync("SELECT * FROM ks.t");
        Assert.Equal(22, warned.Rows().Rows.Count);
        Assert.Equal("Read 22 live rows and 8 tombstone cells for query SELECT * FROM ks.t (see tombstone_warn_threshold)", Assert.Single(warned.Warnings));

        for (var k = 8; k < 13; k++) (await client.QueryAsync($"DELETE FROM ks.t WHERE k = {k}")).ThrowIfError();
        var failed = await client.QueryAsync("SELECT * FROM ks.t");
        Assert.Equal(CqlErrorCode.ReadFailure, failed.ErrorCode);
        Assert.Equal("Operation failed - received 0 responses and 1 failures: TOMBSTONE_OVERWHELM from /127.0.0.1:7000", failed.ErrorMessage);
        var r = failed.Reader();
        r.ReadInt();
        r.ReadString();
        Assert.Equal(ConsistencyLevel.One, r.ReadConsistency());
        Assert.Equal(0, r.ReadInt()); // received
        Assert.Equal(1, r.ReadInt()); // block for
        Assert.Equal(1, r.ReadInt()); // failures
    }

    [Fact]
    public async Task A_mutation_over_max_mutation_size_is_refused_with_Cassandras_error_and_nothing_is_written()
    {
        var (cluster, client) = await StartAsync(o => o.Settings.MaxMutationSize = 1024);
        await using var _ = cluster;
        await using var __ = client;
        var big = new string('x', 2000);
        var response = await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES (42, '{big}')");
        Assert.Equal(CqlErrorCode.Invalid, response.ErrorCode);
        Assert.Matches(@"^Rejected an oversized mutation \(\d+/1024\) for keyspace: ks\. Top keys are: t\.42$", response.ErrorMessage);
        Assert.Empty((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 42")).Rows().Rows);
        (await client.QueryAsync("INSERT INTO ks.t (k, v) VALUES (42, 'small')")).ThrowIfError();
    }

    [Fact]
    public async Task The_default_mutation_limit_is_half_of_the_32_MiB_commitlog_segment()
    {
        Assert.Equal(16L * 1024 * 1024, new CassandraSettings().MaxMutationSize);
    }

    [Theory]
    [InlineData("4.1.5", "Guardrail allow_filtering violated: Querying with ALLOW FILTERING is not allowed")]
    [InlineData("5.0.2", "Guardrail allow_filtering violated: Querying with ALLOW FILTERING is not allowed. ALLOW FILTERING can potentially visit all the data in the table and have unpredictable performance.")]
    public async Task With_the_allow_filtering_guardrail_off_ALLOW_FILTERING_is_refused(string version, string message)
    {
        var (cluster, client) = await StartAsync(o =>
        {
            o.CassandraVersion = version;
            o.Settings.AllowFilteringEnabled = false;
        });
        await using var _ = cluster;
        await using var __ = client;
        var refused = await client.QueryAsync("SELECT * FROM ks.t WHERE v = 'x' ALLOW FILTERING");
        Assert.Equal(CqlErrorCode.Invalid, refused.ErrorCode);
        Assert.Equal(message, refused.ErrorMessage);
        var needsIt = await client.QueryAsync("SELECT * FROM ks.t WHERE v = 'x'");
        Assert.Equal("Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. Executing this query despite the performance unpredictability with ALLOW FILTERING has been disabled by the allow_filtering_enabled property in cassandra.yaml",
            needsIt.ErrorMessage);
        // System tables are not guarded.
        (await client.QueryAsync("SELECT * FROM system_schema.tables WHERE table_name = 't' ALLOW FILTERING")).Rows();
        cluster.Settings.AllowFilteringEnabled = true;
        (await client.QueryAsync("SELECT * FROM ks.t WHERE v = 'x' ALLOW FILTERING")).Rows();
    }

    [Fact]
    public async Task A_frame_longer_than_the_native_transport_limit_is_a_protocol_error()
    {
        var (cluster, client) = await StartAsync(o => o.Settings.MaxFrameSize = 4096);
        await using var _ = cluster;
        await using var __ = client;
        var response = await client.QueryAsync($"INSERT INTO ks.t (k, v) VALUES (1, '{new string('x', 5000)}')");
        Assert.Equal(CqlErrorCode.ProtocolError, response.ErrorCode);
        Assert.StartsWith("Request is too big: length ", response.ErrorMessage);
    }
}
