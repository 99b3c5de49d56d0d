using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>Overloaded nodes (429), failed requests and dropped connections during upserts, via the emulator's faults.</summary>
public class RejectionAndFailureTests
{
    protected virtual string Version => EmulatedCluster.Version7;

    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartAsync(
        ConflictMode mode = ConflictMode.Compare, int maxRejectionRetries = 6)
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions
        {
            Index = "app",
            ConflictMode = mode,
            MaxRejectionRetries = maxRejectionRetries,
            RejectionBackoff = TimeSpan.FromMilliseconds(5),
            MaxRejectionBackoff = TimeSpan.FromMilliseconds(50),
        });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        return (cluster, store, table);
    }

    private static SyncEntry[] Entries(int count) =>
        Enumerable.Range(0, count).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddMilliseconds(i), ("name", "n" + i))).ToArray();

    [Theory]
    [InlineData(ConflictMode.Compare)]
    [InlineData(ConflictMode.ExternalVersion)]
    public async Task Rejected_items_are_sent_again_alone_and_written(ConflictMode mode)
    {
        var (cluster, store, table) = await StartAsync(mode);
        await using var _ = cluster;
        var entries = Entries(10);
        cluster.Emulator.Faults.RejectBulkItems(3);

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(3, store.Sender.RejectedItemRetries);
        Assert.Equal(2, store.Sender.BodiesSent);
        foreach (var entry in entries) Assert.NotNull(await cluster.GetSourceAsync("app-users", entry.Id.ToString()));
    }

    [Fact]
    public async Task An_item_rejected_on_every_retry_fails_with_the_reason_and_the_others_are_written()
    {
        var (cluster, store, table) = await StartAsync(maxRejectionRetries: 2);
        await using var _ = cluster;
        var entries = Entries(4);
        var unlucky = entries[1].Id.ToString();
        cluster.Emulator.Faults.RejectBulkItems(100, item => item.Id == unlucky);

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.Failed, outcomes[1].Kind);
        Assert.Contains("es_rejected_execution_exception", outcomes[1].Reason);
        Assert.Contains("3 times", outcomes[1].Reason);
        Assert.All(new[] { outcomes[0], outcomes[2], outcomes[3] }, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(2, store.Sender.RejectedItemRetries);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_whole_bulk_request_rejected_as_overloaded_is_retried(int status)
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        cluster.Emulator.Faults.FailRequests(1, status, r => r.IsEndpoint("_bulk"));

        var outcomes = await store.UpsertIfNewerAsync(table, Entries(5), new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(5, store.Sender.RejectedItemRetries);
    }

    [Fact]
    public async Task A_failing_bulk_request_fails_every_entry_with_the_status()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        cluster.Emulator.Faults.FailRequests(1, 500, r => r.IsEndpoint("_bulk"));

        var outcomes = await store.UpsertIfNewerAsync(table, Entries(3), new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(UpsertOutcomeKind.Failed, o.Kind);
            Assert.Contains("HTTP 500", o.Reason);
        });
    }

    [Fact]
    public async Task A_failing_mget_fails_every_entry_and_writes_nothing()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var entries = Entries(3);
        cluster.Emulator.Faults.FailRequests(1, 500, r => r.IsEndpoint("_mget"));

        var outcomes = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(UpsertOutcomeKind.Failed, o.Kind);
            Assert.Contains("_mget", o.Reason);
        });
        Assert.Equal(0, store.Sender.BodiesSent);
        foreach (var entry in entries) Assert.Null(await cluster.GetSourceAsync("app-users", entry.Id.ToString()));
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_batch_with_a_clear_reason_and_the_next_attempt_writes()
    {
        var (cluster, store, table) = await StartAsync();
        await using var _ = cluster;
        var entries = Entries(3);
        cluster.Emulator.Faults.CloseConnections(1, r => r.IsEndpoint("_bulk"));

        var first = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);
        var second = await store.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None);

        Assert.All(first, o =>
        {
            Assert.Equal(UpsertOutcomeKind.Failed, o.Kind);
            Assert.Contains("no answer", o.Reason);
        });
        Assert.All(second, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class RejectionAndFailureTestsOnElasticsearch8 : RejectionAndFailureTests
{
    protected override string Version => EmulatedCluster.Version8;
}
