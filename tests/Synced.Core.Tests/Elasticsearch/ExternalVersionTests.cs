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

    protected virtual string Version => EmulatedCluster.Version7;

    [Fact]
    public async Task Newer_versions_win_and_older_or_equal_ones_are_skipped()
    {
        var cluster = await EmulatedCluster.StartAsync(Version);
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
        var cluster = await EmulatedCluster.StartAsync(Version);
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
        var cluster = await EmulatedCluster.StartAsync(Version);
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users"), CancellationToken.None);
        var id = Guid.NewGuid();

        var outcomes = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0) }, new UpsertContext { DryRun = true }, CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.WouldWrite, outcomes[0].Kind);
        Assert.Null(await cluster.GetSourceAsync("app-users", id.ToString()));
    }

    private static async Task<(EmulatedCluster Cluster, ElasticsearchStore Store, TableInfo Table)> StartExternalAsync(string version)
    {
        var cluster = await EmulatedCluster.StartAsync(version);
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("users", ("name", "text")), CancellationToken.None);
        return (cluster, store, table);
    }

    private static string Document(Guid id, DateTime tmstmp, string name)
        => $"{{\"id\":\"{id}\",\"tmstmp\":\"{tmstmp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"name\":\"{name}\"}}";

    [Fact]
    public async Task An_index_written_with_internal_versions_is_refused_before_anything_is_written()
    {
        var (cluster, store, table) = await StartExternalAsync(Version);
        await using var _ = cluster;
        var existing = Guid.NewGuid();
        // Another application wrote this newer document with plain index requests: _version 1.
        await cluster.PutAsync("app-users", existing.ToString(), Document(existing, T0.AddHours(1), "newer"));
        var fresh = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ExternalVersionMismatchException>(() => store.UpsertIfNewerAsync(table, new[]
        {
            EmulatedCluster.Entry("users", existing, T0, ("name", "older")),
            EmulatedCluster.Entry("users", fresh, T0, ("name", "new")),
        }, new UpsertContext(), CancellationToken.None));

        Assert.Equal("app-users", error.Index);
        Assert.Contains($"{existing} has _version 1", error.Message);
        Assert.Contains("the Compare conflict mode", error.Message);
        Assert.Equal("newer", (await cluster.GetSourceAsync("app-users", existing.ToString()))!.Value.GetProperty("name").GetString());
        Assert.Null(await cluster.GetSourceAsync("app-users", fresh.ToString()));
    }

    [Fact]
    public async Task An_index_with_external_versions_in_milliseconds_is_refused_and_its_newer_documents_stay()
    {
        var (cluster, store, table) = await StartExternalAsync(Version);
        await using var _ = cluster;
        var ids = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var tmstmp = T0.AddMinutes(i);
            var millis = new DateTimeOffset(tmstmp).ToUnixTimeMilliseconds();
            var (status, body) = await cluster.SendAsync(EsMethod.PUT, $"/app-users/_doc/{ids[i]}?version={millis}&version_type=external",
                Document(ids[i], tmstmp, "newer"));
            Assert.True(status == 201, body?.ToString());
        }

        // An older entry: its microseconds beat the stored milliseconds, so an external write would overwrite.
        var error = await Assert.ThrowsAsync<ExternalVersionMismatchException>(() => store.UpsertIfNewerAsync(table,
            new[] { EmulatedCluster.Entry("users", ids[5], T0, ("name", "older")) }, new UpsertContext(), CancellationToken.None));

        Assert.Contains("another version scheme", error.Message);
        var (_, stored) = await cluster.SendAsync(EsMethod.GET, $"/app-users/_doc/{ids[5]}");
        Assert.Equal("newer", stored!.Value.GetProperty("_source").GetProperty("name").GetString());
        Assert.Equal(new DateTimeOffset(T0.AddMinutes(5)).ToUnixTimeMilliseconds(), stored.Value.GetProperty("_version").GetInt64());
    }

    [Fact]
    public async Task An_index_synced_in_external_version_mode_passes_the_check_of_a_later_run()
    {
        var (cluster, first, table) = await StartExternalAsync(Version);
        await using var _ = cluster;
        var entries = Enumerable.Range(0, 150).Select(i => EmulatedCluster.Entry("users", Guid.NewGuid(), T0.AddSeconds(i).AddTicks(i * 13), ("name", "v1"))).ToArray();
        // The first write goes to an empty index: nothing to check, it passes.
        Assert.All(await first.UpsertIfNewerAsync(table, entries, new UpsertContext(), CancellationToken.None), o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
        Assert.Equal(0, first.ExternalWriter.Precondition.DocumentsChecked);
        await cluster.SendAsync(EsMethod.POST, "/app-users/_refresh");

        await using var second = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "app", ConflictMode = ConflictMode.ExternalVersion });
        var newer = EmulatedCluster.Entry("users", entries[0].Id, T0.AddHours(1), ("name", "v2"));
        var outcomes = await second.UpsertIfNewerAsync(table, new[] { newer }, new UpsertContext(), CancellationToken.None);
        await second.UpsertIfNewerAsync(table, new[] { newer }, new UpsertContext(), CancellationToken.None);

        Assert.Equal(UpsertOutcomeKind.Written, outcomes[0].Kind);
        // Newest, oldest and a run from a random instant were read, once for the store.
        Assert.InRange(second.ExternalWriter.Precondition.DocumentsChecked, ExternalVersionPrecondition.SampleNewest + ExternalVersionPrecondition.SampleOldest,
            ExternalVersionPrecondition.SampleNewest + ExternalVersionPrecondition.SampleOldest + ExternalVersionPrecondition.SampleRandom);
    }

    [Fact]
    public async Task Through_the_engine_a_refused_index_fails_its_table_and_nothing_is_written()
    {
        var (cluster, store, _) = await StartExternalAsync(Version);
        await using var __ = cluster;
        await using var ___ = store;
        var existing = Guid.NewGuid();
        await cluster.PutAsync("app-users", existing.ToString(), Document(existing, T0.AddHours(1), "newer"));
        var cassandra = new Synced.Core.Tests.TestStores.ListStore("Cassandra", TimestampPrecision.Ticks, keepVersions: true).AddTable("users");
        cassandra.Put(EmulatedCluster.Entry("users", existing, T0, ("name", "older")));
        var fresh = Guid.NewGuid();
        cassandra.Put(EmulatedCluster.Entry("users", fresh, T0, ("name", "new")));
        var request = new Synced.Core.Engine.SyncRequest(new Synced.Core.Checkpoints.SyncConfiguration("app", "app")) { Direction = SyncDirection.CassandraToElasticsearch };

        var result = await new Synced.Core.Engine.SyncEngine().RunAsync(request, cassandra, store,
            Synced.Core.Engine.TableRanges.Same(new Synced.Core.Time.TimeRange(T0.AddHours(-1), T0.AddHours(2))), null, null, CancellationToken.None);

        var users = Assert.Single(result.Tables);
        Assert.Equal(Synced.Core.Engine.TableStatus.Failed, users.Status);
        Assert.Contains("refuses index app-users", users.Message);
        Assert.Null(await cluster.GetSourceAsync("app-users", fresh.ToString()));
        Assert.Equal("newer", (await cluster.GetSourceAsync("app-users", existing.ToString()))!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_delete_by_an_external_version_writer_keeps_older_entries_out_only_for_gc_deletes()
    {
        var (cluster, store, table) = await StartExternalAsync(Version);
        await using var _ = cluster;
        await using var __ = store;
        await cluster.SendAsync(EsMethod.PUT, "/app-users/_settings", "{\"index\":{\"gc_deletes\":\"300ms\"}}");
        var id = Guid.NewGuid();
        Assert.Equal(UpsertOutcomeKind.Written, (await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0.AddHours(1)) },
            new UpsertContext(), CancellationToken.None))[0].Kind);
        // Another writer deletes the document with its own (newer) external version.
        var (deleted, _) = await cluster.SendAsync(EsMethod.DELETE, $"/app-users/_doc/{id}?version={ExternalVersionWriter.VersionOf(T0.AddHours(2))}&version_type=external");
        Assert.Equal(200, deleted);

        var within = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0) }, new UpsertContext(), CancellationToken.None);
        await Task.Delay(600);
        var after = await store.UpsertIfNewerAsync(table, new[] { EmulatedCluster.Entry("users", id, T0) }, new UpsertContext(), CancellationToken.None);

        // Elasticsearch remembers the delete's version only for index.gc_deletes: then an older entry writes again,
        // as a hard delete is no version (DESIGN: it looks like an entry never synced).
        Assert.Equal(UpsertOutcomeKind.SkippedNotNewer, within[0].Kind);
        Assert.Equal(UpsertOutcomeKind.Written, after[0].Kind);
    }
}

/// <summary>The same tests against the emulator in Elasticsearch 8.x mode.</summary>
public sealed class ExternalVersionTestsOnElasticsearch8 : ExternalVersionTests
{
    protected override string Version => EmulatedCluster.Version8;
}
