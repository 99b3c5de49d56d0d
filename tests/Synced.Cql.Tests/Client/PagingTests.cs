using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Protocol;
using Xunit;

namespace Synced.Cql.Tests.Client;

/// <summary>Paging ends as Cassandra ends it: empty pages with a paging state are followed, never looped on.</summary>
public sealed class PagingTests
{
    private static async Task<CqlSession> ConnectAsync(FakeCqlServer server)
    {
        var options = new CqlClusterOptions { ConnectionsPerHost = 1, HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        return await CqlSession.ConnectAsync(options);
    }

    [Fact]
    public async Task Empty_pages_in_the_middle_and_an_empty_final_page_neither_stop_nor_repeat_the_scan()
    {
        // Page n answers the keys of pages[n] and the state n + 1, the last one without a state.
        var pages = new List<int[]> { new[] { 1, 2, 3 }, Array.Empty<int>(), Array.Empty<int>(), new[] { 4, 5 }, Array.Empty<int>() };
        await using var server = new FakeCqlServer();
        server.OnRequest = r =>
        {
            var page = r.Parameters!.PagingState == null ? 0 : r.Parameters.PagingState[0];
            var next = page + 1 < pages.Count ? new[] { (byte)(page + 1) } : null;
            return r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, pages[page].Select(k => new object?[] { k, "v" }), next);
        };
        await using var session = await ConnectAsync(server);

        var keys = new List<int>();
        await foreach (var row in session.QueryAsync(new SimpleStatement("SELECT k, v FROM ks.t WHERE v = 'v' ALLOW FILTERING") { PageSize = 3 }))
        {
            keys.Add(row.GetInt32("k"));
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, keys);
        Assert.Equal(pages.Count, server.Requests.Count);
    }

    [Fact]
    public async Task A_node_that_hands_back_the_same_paging_state_with_no_rows_ends_the_query_with_an_error()
    {
        await using var server = new FakeCqlServer();
        server.OnRequest = r => r.Parameters!.PagingState == null
            ? r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, new[] { new object?[] { 1, "a" } }, new byte[] { 9 })
            : r.ReplyRowsAsync(FakeCqlServer.KeyValueColumns, Array.Empty<object?[]>(), new byte[] { 9 });
        await using var session = await ConnectAsync(server);

        var keys = new List<int>();
        var error = await Assert.ThrowsAsync<CqlProtocolException>(async () =>
        {
            await foreach (var row in session.QueryAsync("SELECT k, v FROM ks.t"))
            {
                keys.Add(row.GetInt32("k"));
            }
        });

        Assert.Equal(new[] { 1 }, keys);
        Assert.Contains("paging would never end", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }
}
