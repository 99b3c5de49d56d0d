using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>How pages end: a full page always carries a paging state, and filtered scans can have short or empty pages.</summary>
public sealed class PagingTests
{
    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(int rows)
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions());
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (k int, c int, v int, PRIMARY KEY (k, c))")).ThrowIfError();
        for (var i = 0; i < rows; i++) (await client.QueryAsync($"INSERT INTO ks.t (k, c, v) VALUES ({i % 4}, {i}, {i % 5})")).ThrowIfError();
        return (cluster, client);
    }

    private static async Task<List<int>> PageSizesAsync(TestCqlClient client, string cql, int pageSize, List<int>? collected = null)
    {
        var sizes = new List<int>();
        byte[]? state = null;
        do
        {
            var (rows, next) = (await client.QueryAsync(cql, pageSize: pageSize, pagingState: state)).Rows();
            sizes.Add(rows.Count);
            collected?.AddRange(rows.Select(r => BinaryPrimitives.ReadInt32BigEndian(r["c"])));
            state = next;
        } while (state is not null && sizes.Count < 1000);
        return sizes;
    }

    [Fact]
    public async Task A_page_ending_exactly_on_the_last_row_still_has_a_paging_state_and_the_next_page_is_empty()
    {
        var (cluster, client) = await StartAsync(10);
        await using var _ = cluster;
        await using var __ = client;
        Assert.Equal(new[] { 5, 5, 0 }, await PageSizesAsync(client, "SELECT * FROM ks.t", 5));
        Assert.Equal(new[] { 3, 3, 3, 1 }, await PageSizesAsync(client, "SELECT * FROM ks.t", 3));
        Assert.Equal(new[] { 3, 0 }, await PageSizesAsync(client, "SELECT * FROM ks.t WHERE k = 1", 3)); // c = 1, 5, 9
        Assert.Equal(new[] { 2, 1 }, await PageSizesAsync(client, "SELECT * FROM ks.t WHERE k = 1", 2));
    }

    [Fact]
    public async Task A_page_that_reaches_the_LIMIT_ends_the_query_without_a_paging_state()
    {
        var (cluster, client) = await StartAsync(10);
        await using var _ = cluster;
        await using var __ = client;
        Assert.Equal(new[] { 5 }, await PageSizesAsync(client, "SELECT * FROM ks.t LIMIT 5", 5));
        Assert.Equal(new[] { 4, 2 }, await PageSizesAsync(client, "SELECT * FROM ks.t LIMIT 6", 4));
    }

    [Fact]
    public async Task A_filtered_scan_with_an_examine_limit_returns_short_and_empty_pages_yet_every_match_exactly_once()
    {
        var (cluster, client) = await StartAsync(40);
        await using var _ = cluster;
        await using var __ = client;
        cluster.Settings.FilteredPageExamineLimit = 3;
        var matches = new List<int>();
        var sizes = await PageSizesAsync(client, "SELECT * FROM ks.t WHERE v = 0 ALLOW FILTERING", 5, matches);
        Assert.Contains(0, sizes.Take(sizes.Count - 1)); // an empty page in the middle
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 5 == 0).OrderBy(i => i), matches.OrderBy(i => i));
        Assert.Equal(matches.Count, matches.Distinct().Count());

        // Unfiltered scans are not limited.
        Assert.Equal(new[] { 40, 0 }, await PageSizesAsync(client, "SELECT * FROM ks.t", 40));
    }
}
