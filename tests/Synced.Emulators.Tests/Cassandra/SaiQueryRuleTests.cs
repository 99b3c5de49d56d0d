using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>
/// Which restrictions a storage-attached index serves without ALLOW FILTERING (Cassandra 5.0 StatementRestrictions and
/// IndexTermType.supports), and the rows such reads examine.
/// </summary>
public sealed class SaiQueryRuleTests
{
    private const string Filtering = "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING";

    private static async Task<(CassandraEmulator, TestCqlClient)> StartAsync(bool index = true)
    {
        var cluster = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { CassandraVersion = "5.0.2" });
        var client = await TestCqlClient.ConnectAsync(cluster.EndPoint);
        (await client.QueryAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")).ThrowIfError();
        (await client.QueryAsync("CREATE TABLE ks.t (id int, tmstmp timestamp, name text, n int, flag boolean, PRIMARY KEY (id, tmstmp))")).ThrowIfError();
        if (index)
        {
            (await client.QueryAsync("CREATE INDEX ON ks.t (tmstmp) USING 'sai'")).ThrowIfError();
            (await client.QueryAsync("CREATE INDEX ON ks.t (name) USING 'sai'")).ThrowIfError();
            (await client.QueryAsync("CREATE INDEX ON ks.t (n) USING 'sai'")).ThrowIfError();
        }
        for (var id = 0; id < 20; id++)
            for (var t = 0; t < 10; t++)
                (await client.QueryAsync($"INSERT INTO ks.t (id, tmstmp, name, n, flag) VALUES ({id}, {t * 1000}, 'n{t}', {t}, {(t % 2 == 0 ? "true" : "false")})")).ThrowIfError();
        return (cluster, client);
    }

    [Theory]
    [InlineData("SELECT * FROM ks.t WHERE token(id) > ? AND token(id) <= ? AND tmstmp >= 3000 AND tmstmp < 5000")]
    [InlineData("SELECT * FROM ks.t WHERE tmstmp >= 3000 AND tmstmp < 5000")]
    [InlineData("SELECT * FROM ks.t WHERE tmstmp = 3000")]
    [InlineData("SELECT * FROM ks.t WHERE n > 7")]
    [InlineData("SELECT * FROM ks.t WHERE name = 'n3'")]
    [InlineData("SELECT * FROM ks.t WHERE name = 'n3' AND n > 2")]
    [InlineData("SELECT * FROM ks.t WHERE tmstmp >= 3000 AND n < 5")]
    public async Task Restrictions_the_index_group_serves_need_no_ALLOW_FILTERING(string cql)
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var values = cql.Contains('?') ? new[] { Long(long.MinValue), Long(long.MaxValue) } : null;
        (await client.QueryAsync(cql, values: values)).Rows();
    }

    [Theory]
    [InlineData("SELECT * FROM ks.t WHERE name > 'n3'")]                          // text: = only
    [InlineData("SELECT * FROM ks.t WHERE tmstmp >= 3000 AND flag = true")]       // flag has no index
    [InlineData("SELECT * FROM ks.t WHERE token(id) > 0 AND flag = true")]
    public async Task Restrictions_no_index_group_serves_entirely_still_need_ALLOW_FILTERING(string cql)
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var refused = await client.QueryAsync(cql);
        Assert.Equal(CqlErrorCode.Invalid, refused.ErrorCode);
        Assert.Equal(Filtering, refused.ErrorMessage);
        (await client.QueryAsync(cql + " ALLOW FILTERING")).Rows();
    }

    [Fact]
    public async Task Without_the_index_a_token_range_with_a_tmstmp_slice_needs_ALLOW_FILTERING()
    {
        var (cluster, client) = await StartAsync(index: false);
        await using var _ = cluster;
        await using var __ = client;
        var refused = await client.QueryAsync("SELECT * FROM ks.t WHERE token(id) > ? AND token(id) <= ? AND tmstmp >= 3000 AND tmstmp < 5000",
            values: new[] { Long(long.MinValue), Long(long.MaxValue) });
        Assert.Equal(Filtering, refused.ErrorMessage);
    }

    [Fact]
    public async Task An_index_driven_read_examines_only_the_rows_the_index_selects_and_a_filtering_scan_every_row_of_its_range()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var before = cluster.RowsOf("ks", "t");
        var sai = (await client.QueryAsync("SELECT * FROM ks.t WHERE token(id) > ? AND token(id) <= ? AND tmstmp >= 3000 AND tmstmp < 5000",
            values: new[] { Long(long.MinValue), Long(long.MaxValue) })).Rows().Rows;
        Assert.Equal(40, sai.Count);
        var afterSai = cluster.RowsOf("ks", "t");
        Assert.Equal((40L, 40L), (afterSai.RowsExamined - before.RowsExamined, afterSai.RowsReturned - before.RowsReturned));

        // Rows come back in token then clustering order, as Cassandra returns them.
        var tokens = sai.Select(r => Synced.Emulators.Cassandra.Storage.Tokens.Of(r["id"])).ToList();
        Assert.Equal(tokens.OrderBy(t => t), tokens);

        var scan = (await client.QueryAsync("SELECT * FROM ks.t WHERE token(id) > ? AND token(id) <= ? AND flag = true ALLOW FILTERING",
            values: new[] { Long(long.MinValue), Long(long.MaxValue) })).Rows().Rows;
        Assert.Equal(100, scan.Count);
        var afterScan = cluster.RowsOf("ks", "t");
        Assert.Equal((200L, 100L), (afterScan.RowsExamined - afterSai.RowsExamined, afterScan.RowsReturned - afterSai.RowsReturned));
    }

    [Fact]
    public async Task An_index_read_pages_through_every_selected_row_exactly_once()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var seen = new List<string>();
        byte[]? state = null;
        do
        {
            var (rows, next) = (await client.QueryAsync("SELECT id, tmstmp FROM ks.t WHERE tmstmp >= 2000 AND tmstmp < 7000", pageSize: 7, pagingState: state)).Rows();
            seen.AddRange(rows.Select(r => Convert.ToHexString(r["id"]!) + "/" + Convert.ToHexString(r["tmstmp"]!)));
            state = next;
        } while (state is not null);
        Assert.Equal(100, seen.Count);
        Assert.Equal(100, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("tmstmp >= 1000 AND tmstmp < 9000", 8, 8)] // more entries than partitions: the emulator reads the range
    [InlineData("tmstmp = 3000", 1, 8)]                     // the same for a narrow slice of narrow sub-ranges
    [InlineData("tmstmp = 3000", 1, 1)]                     // no more entries than partitions: it walks the index
    public async Task An_index_read_of_each_token_sub_range_returns_its_matching_rows_in_ring_order_and_examines_only_them(string slice, int perPartition, int pieces)
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var all = (await client.QueryAsync("SELECT id, tmstmp FROM ks.t")).Rows().Rows;
        var step = ulong.MaxValue / (ulong)pieces;
        var seen = new List<(long Token, string Key)>();
        for (var i = 0; i < pieces; i++)
        {
            var from = i == 0 ? long.MinValue : unchecked(long.MinValue + (long)(step * (ulong)i));
            var to = i == pieces - 1 ? long.MaxValue : unchecked(long.MinValue + (long)(step * (ulong)(i + 1)));
            var before = cluster.RowsOf("ks", "t");
            var rows = (await client.QueryAsync($"SELECT id, tmstmp FROM ks.t WHERE token(id) > ? AND token(id) <= ? AND {slice}",
                values: new[] { Long(from), Long(to) })).Rows().Rows;
            var after = cluster.RowsOf("ks", "t");
            Assert.Equal(rows.Count, after.RowsExamined - before.RowsExamined);
            var tokens = rows.Select(r => Synced.Emulators.Cassandra.Storage.Tokens.Of(r["id"])).ToList();
            Assert.All(tokens, t => Assert.True(t > from && t <= to));
            Assert.Equal(tokens.OrderBy(t => t), tokens);
            seen.AddRange(rows.Select(r => (Synced.Emulators.Cassandra.Storage.Tokens.Of(r["id"]), Convert.ToHexString(r["id"]!) + "/" + Convert.ToHexString(r["tmstmp"]!))));
        }
        Assert.Equal(20 * perPartition, seen.Count);
        Assert.Equal(seen.Count, seen.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public async Task An_updated_regular_value_is_found_by_its_new_value_only()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        (await client.QueryAsync("UPDATE ks.t SET n = 100 WHERE id = 1 AND tmstmp = 0")).ThrowIfError();
        Assert.Single((await client.QueryAsync("SELECT * FROM ks.t WHERE n = 100")).Rows().Rows);
        Assert.Equal(19, (await client.QueryAsync("SELECT * FROM ks.t WHERE n = 0")).Rows().Rows.Count);
    }

    private static byte[] Long(long v)
    {
        var b = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(b, v);
        return b;
    }
}
