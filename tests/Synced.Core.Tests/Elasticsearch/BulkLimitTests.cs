using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Xunit;
using EsMethod = Elasticsearch.Net.HttpMethod;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// Bulk requests as the cluster limits them: request-level validation is all-or-nothing, and a body over
/// http.max_content_length is refused with 413, so the store keeps its bodies below the limit.
/// </summary>
public class BulkLimitTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TableInfo Users = EmulatedCluster.CassandraTable("users", ("name", "text"));

    protected virtual string Version => EmulatedCluster.Version7;

    private async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartAsync(long maxContentLength, ConflictMode mode = ConflictMode.Compare)
    {
        var cluster = await EmulatedCluster.StartAsync(Version, configure: o => o.MaxContentLength = maxContentLength);
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = mode });
        var table = await store.CreateTableAsync(Users, CancellationToken.None);
        return (cluster, store, table);
    }

    private static SyncEntry Entry(int i, int nameLength = 200)
        => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i), ("name", new string((char)('a' + i % 26), nameLength)));

    [Fact]
    public async Task A_body_over_max_content_length_is_answered_413_and_nothing_of_it_is_handled()
    {
        var cluster = await EmulatedCluster.StartAsync(Version, configure: o => o.MaxContentLength = 1024);
        await using var _ = cluster;
        var body = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"index\":{{\"_index\":\"big\",\"_id\":\"{i}\"}}}}\n{{\"n\":\"{new string('x', 40)}\"}}\n"));

        var (status, answer) = await cluster.SendAsync(EsMethod.POST, "/_bulk", body);
        var (_, nodes) = await cluster.SendAsync(EsMethod.GET, "/_nodes/http");

        Assert.Equal(413, status);
        Assert.Null(answer);
        Assert.DoesNotContain("big", cluster.Emulator.IndexNames);
        Assert.Equal(1024, nodes!.Value.GetProperty("nodes").EnumerateObject().Single().Value.GetProperty("http").GetProperty("max_content_length_in_bytes").GetInt64());
        // The connection stays usable.
        Assert.Equal(200, (await cluster.SendAsync(EsMethod.GET, "/")).Status);
    }

    [Fact]
    public async Task A_request_level_validation_error_fails_the_whole_bulk_and_writes_nothing()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var body = "{\"index\":{\"_index\":\"v\",\"_id\":\"good\"}}\n{\"n\":1}\n"
                   + "{\"index\":{\"_index\":\"v\",\"_id\":\"bad\",\"if_seq_no\":1,\"if_primary_term\":1,\"version\":3,\"version_type\":\"external\"}}\n{\"n\":2}\n"
                   + "{\"delete\":{\"_index\":\"v\"}}\n";

        var (status, answer) = await cluster.SendAsync(EsMethod.POST, "/_bulk", body);

        Assert.Equal(400, status);
        var error = answer!.Value.GetProperty("error");
        Assert.Equal("action_request_validation_exception", error.GetProperty("type").GetString());
        Assert.Equal("Validation Failed: 1: compare and write operations can not use versioning;2: id is missing;", error.GetProperty("reason").GetString());
        Assert.DoesNotContain("v", cluster.Emulator.IndexNames);
    }

    [Fact]
    public async Task Bodies_stay_below_the_limit_the_nodes_report()
    {
        var (cluster, store, table) = await StartAsync(maxContentLength: 4096);
        await using var _ = cluster;
        await using var __ = store;
        var entries = Enumerable.Range(0, 40).Select(i => Entry(i)).ToArray();

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Kind == UpsertOutcomeKind.Written, o.Reason));
        Assert.Equal(4096, store.Sender.ContentLimit);
        Assert.True(store.Sender.BodiesSent >= 3, $"{store.Sender.BodiesSent} bodies");
    }

    [Theory]
    [InlineData(ConflictMode.Compare)]
    [InlineData(ConflictMode.ExternalVersion)]
    public async Task A_document_that_no_request_can_carry_fails_alone_and_is_never_sent(ConflictMode mode)
    {
        var (cluster, store, table) = await StartAsync(maxContentLength: 4096, mode);
        await using var _ = cluster;
        await using var __ = store;
        var huge = Entry(99, nameLength: 10_000);
        var entries = new[] { Entry(1), huge, Entry(2) };
        var bulkBodies = 0;
        cluster.Emulator.Faults.OnRequest = (r, _) =>
        {
            if (r.IsEndpoint("_bulk") && r.Body.Length > 4096) Interlocked.Increment(ref bulkBodies);
            return Task.CompletedTask;
        };

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains("http.max_content_length of 4096 bytes", outcomes[1].Reason);
        Assert.Contains("not sent", outcomes[1].Reason);
        Assert.Equal(0, bulkBodies);
        Assert.Null(await cluster.GetSourceAsync("app-users", huge.Id.ToString()));
    }

    [Fact]
    public async Task A_413_splits_the_body_and_every_entry_is_still_written()
    {
        var (cluster, store, table) = await StartAsync(maxContentLength: 100 * 1024 * 1024);
        await using var _ = cluster;
        await using var __ = store;
        var entries = Enumerable.Range(0, 10).Select(i => Entry(i)).ToArray();
        // A proxy in front of the cluster refuses the first body as too large.
        cluster.Emulator.Faults.FailRequests(1, 413, r => r.IsEndpoint("_bulk"));

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Kind == UpsertOutcomeKind.Written, o.Reason));
        Assert.Equal(3, store.Sender.BodiesSent);
        Assert.True(store.Sender.ContentLimit < 100 * 1024 * 1024);
    }

    [Fact]
    public async Task A_413_for_a_single_document_fails_that_entry_with_the_reason()
    {
        var (cluster, store, table) = await StartAsync(maxContentLength: 100 * 1024 * 1024);
        await using var _ = cluster;
        await using var __ = store;
        cluster.Emulator.Faults.FailRequests(1, 413, r => r.IsEndpoint("_bulk"));

        var outcomes = await store.UpsertIfNewerAsync(table, new[] { Entry(1) }, new UpsertContext(), CancellationToken.None);

        var failed = Assert.Single(outcomes);
        Assert.Equal(UpsertOutcomeKind.Failed, failed.Kind);
        Assert.Contains("HTTP 413", failed.Reason);
        Assert.Contains("too large", failed.Reason);
    }
}

/// <summary>The same checks against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class BulkLimitTestsOnElasticsearch8 : BulkLimitTests
{
    protected override string Version => EmulatedCluster.Version8;
}
