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

/// <summary>ConflictMode.ExternalVersion: version_type=external with tmstmp in microseconds.</summary>
public class ExternalVersionTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Newer_versions_win_and_older_or_equal_ones_are_skipped()
    {
        var cluster = await EmulatedCluster.StartAsync();
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        var id = Guid.NewGuid();
        var context = new UpsertContext();

        var first = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0.AddTicks(15), ("name", "v1")) }, context, CancellationToken.None);
        var older = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0, ("name", "old")) }, context, CancellationToken.None);
        var equal = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0.AddTicks(15), ("name", "same")) }, context, CancellationToken.None);
        var newer = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0.AddMilliseconds(1), ("name", "v2")) }, context, CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.Written, first[0].Kind);
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, older[0].Kind);
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, equal[0].Kind);
        Assert.Equal(UpsertOutcomeKind.Written, newer[0].Kind);

        var (status, document) = await cluster.SendAsync(EsMethod.GET, $"/app-users/_doc/{id}");
        Assert.Equal(200, status);
        Assert.Equal(ExternalVersionWriter.VersionOf(T0.AddMilliseconds(1)), document!.Value.GetProperty("_version").GetInt64());
        Assert.Equal("v2", document.Value.GetProperty("_source").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_batch_mixes_written_skipped_and_failed_entries()
    {
        var cluster = await EmulatedCluster.StartAsync();
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("age", "int")), CancellationToken.None);
        var existing = Guid.NewGuid();
        await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", existing, T0.AddSeconds(1)) }, new UpsertContext(), CancellationToken.None);

        var outcomes = await store.UpsertIfNewerAsync(table, new[]
        {
            EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("age", 1)),
            EmulatedCluster.Entry("users", existing, T0),
            EmulatedCluster.Entry("users", Guid.NewGuid(), T0, ("age", "not a number")),
            EmulatedCluster.Entry("users", Guid.NewGuid(), new DateTime(1969, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        }, new UpsertContext(), CancellationToken.None);

        Assert.Equal(new[] { UpsertOutcomeKind.Written, UpsertOutcomeKind.SkippedNotNewer, UpsertOutcomeKind.Failed, UpsertOutcomeKind.Failed },
            outcomes.Select(o => o.Kind));
        Assert.Contains("1970", outcomes[3].Reason);
    }

    [Fact]
    public async Task A_dry_run_compares_without_writing()
    {
        var cluster = await EmulatedCluster.StartAsync();
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users"), CancellationToken.None);
        var id = Guid.NewGuid();

        var outcomes = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0) }, new UpsertContext { DryRun = true }, CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.WouldWrite, outcomes[0].Kind);
        Assert.Null(await cluster.GetSourceAsync("app-users", id.ToString()));
    }
}
