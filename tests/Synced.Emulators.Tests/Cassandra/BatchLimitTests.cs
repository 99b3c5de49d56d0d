using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>batch_size_warn_threshold, batch_size_fail_threshold and unlogged batches over many partitions.</summary>
public sealed class BatchLimitTests
{
    private const byte Logged = 0;
    private const byte Unlogged = 1;

    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync()
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int, c int, v text, PRIMARY KEY (k, c))")).ThrowIfError();
        return (cluster, client);
    }

    [Fact]
    public async Task A_batch_over_5_KiB_gets_Cassandras_size_warning_in_the_response_frame()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var statements = Enumerable.Range(0, 6).Select(c => $"INSERT INTO ks.t (k, c, v) VALUES (1, {c}, '{new string('x', 1000)}')").ToList();
        var response = (await client.BatchAsync(Logged, statements)).ThrowIfError();
        var warning = Assert.Single(response.Warnings);
        Assert.Matches(@"^Batch for \[ks\.t\] is of size \d+\.\d{3}KiB, exceeding specified threshold of 5\.000KiB by \d+\.\d{3}KiB\.$", warning);
    }

    [Fact]
    public async Task A_batch_over_50_KiB_is_refused_as_too_large_and_writes_nothing()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var statements = Enumerable.Range(0, 60).Select(c => $"INSERT INTO ks.t (k, c, v) VALUES (1, {c}, '{new string('x', 1000)}')").ToList();
        var response = await client.BatchAsync(Logged, statements);
        Assert.Equal(CqlErrorCode.Invalid, response.ErrorCode);
        Assert.Equal("Batch too large", response.ErrorMessage);
        Assert.Empty((await client.QueryAsync("SELECT * FROM ks.t WHERE k = 1")).Rows().Rows);
    }

    [Fact]
    public async Task An_unlogged_batch_over_more_than_ten_partitions_gets_Cassandras_warning_and_a_logged_one_does_not()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var statements = Enumerable.Range(0, 11).Select(k => $"INSERT INTO ks.t (k, c, v) VALUES ({k}, 0, 'x')").ToList();
        var unlogged = (await client.BatchAsync(Unlogged, statements)).ThrowIfError();
        Assert.Equal("Unlogged batch covering 11 partitions detected against table [ks.t]. You should use a logged batch for atomicity, or asynchronous writes for performance.",
            Assert.Single(unlogged.Warnings));
        Assert.Empty((await client.BatchAsync(Logged, statements)).ThrowIfError().Warnings);
        Assert.Empty((await client.BatchAsync(Unlogged, statements.Take(10).ToList())).ThrowIfError().Warnings);
    }

    [Fact]
    public async Task The_thresholds_can_be_changed_while_the_cluster_runs()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        cluster.Settings.BatchSizeFailThreshold = 100;
        cluster.Settings.BatchSizeWarnThreshold = 50;
        var response = await client.BatchAsync(Logged, new[] { $"INSERT INTO ks.t (k, c, v) VALUES (1, 1, '{new string('x', 200)}')" });
        Assert.Equal("Batch too large", response.ErrorMessage);
    }
}
