using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.EndToEnd;

/// <summary>
/// The original's scenarios and the run rules of docs/design.md §4, through both emulators with the real stores and the
/// real runner.
/// </summary>
public class SyncEndToEndTests
{
    /// <summary>The Elasticsearch version the emulator plays (a derived class runs every test against 8.x).</summary>
    protected virtual string ElasticsearchVersion => SandboxVersions.Elasticsearch7;

    /// <summary>The Cassandra cluster the emulator plays (a derived class runs every test against three nodes at LOCAL_QUORUM).</summary>
    private protected virtual SandboxCassandra CassandraCluster => SandboxCassandra.SingleNode;

    private protected Task<Sandbox> StartSandboxAsync(IndexLayout layout = IndexLayout.PerTable) => Sandbox.StartAsync(layout, ElasticsearchVersion, CassandraCluster);

    /// <summary>An hour ago, on a whole millisecond plus sub-millisecond ticks where Cassandra has them.</summary>
    private static readonly DateTime Base = new(DateTime.UtcNow.AddHours(-1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Asserts the run's status, showing every table and failure when it differs.</summary>
    private protected static void AssertStatus(RunStatus expected, SyncResult result)
        => Assert.True(result.Status == expected,
            $"{result.Status}, not {expected}: " + string.Join("; ", result.Tables.Select(t => $"{t.Direction} {t.Table} {t.Status} {t.Message}"))
            + " | " + string.Join("; ", result.Failures.Select(f => f.ToString())));

    private static DateTime Ms(DateTime t) => new(t.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>Ids of the convergence scenario.</summary>
    private protected sealed class Scenario
    {
        public Guid OnlyCassandra { get; } = Guid.NewGuid();
        public Guid OnlyElasticsearch { get; } = Guid.NewGuid();
        public Guid NewerInCassandra { get; } = Guid.NewGuid();
        public Guid NewerInElasticsearch { get; } = Guid.NewGuid();
        public Guid Same { get; } = Guid.NewGuid();

        public async Task SeedAsync(Sandbox box)
        {
            await box.CreateCassandraTableAsync("users");
            await box.CreateElasticsearchIndexAsync("users");
            await box.InsertCassandraAsync("users", OnlyCassandra, Base.AddTicks(1_234), "c-v1");
            await box.InsertCassandraAsync("users", OnlyCassandra, Base.AddMinutes(1).AddTicks(5_678), "c-v2");
            await box.IndexDocumentAsync("users", OnlyElasticsearch, Base.AddMinutes(2), "e-only");
            await box.InsertCassandraAsync("users", NewerInCassandra, Base.AddMinutes(3).AddTicks(10), "c-newer");
            await box.IndexDocumentAsync("users", NewerInCassandra, Base.AddMinutes(3).AddMilliseconds(-1), "e-older");
            await box.InsertCassandraAsync("users", NewerInElasticsearch, Base.AddMinutes(4).AddTicks(9_999), "c-older");
            await box.IndexDocumentAsync("users", NewerInElasticsearch, Base.AddMinutes(4).AddMilliseconds(1), "e-newer");
            // Same millisecond on both sides: equal at the common precision, so each keeps its own.
            await box.InsertCassandraAsync("users", Same, Base.AddMinutes(5).AddTicks(4_321), "c-same");
            await box.IndexDocumentAsync("users", Same, Base.AddMinutes(5), "e-same");
        }

        public async Task AssertConvergedAsync(Sandbox box)
        {
            async Task Both(Guid id, DateTime cassandraTmstmp, string name)
            {
                var newest = await box.NewestInCassandraAsync("users", id);
                Assert.Equal((cassandraTmstmp, name), newest);
                var document = await box.DocumentAsync("users", id);
                Assert.Equal((Ms(cassandraTmstmp), name), document);
            }

            await Both(OnlyCassandra, Base.AddMinutes(1).AddTicks(5_678), "c-v2");
            await Both(OnlyElasticsearch, Base.AddMinutes(2), "e-only");
            await Both(NewerInCassandra, Base.AddMinutes(3).AddTicks(10), "c-newer");
            await Both(NewerInElasticsearch, Base.AddMinutes(4).AddMilliseconds(1), "e-newer");
            Assert.Equal((Base.AddMinutes(5).AddTicks(4_321), "c-same"), await box.NewestInCassandraAsync("users", Same));
            Assert.Equal((Base.AddMinutes(5), "e-same"), await box.DocumentAsync("users", Same));
            // Older versions never landed: Cassandra holds only what it had plus the newer Elasticsearch versions.
            Assert.Equal(2, await box.CassandraVersionCountAsync("users", OnlyCassandra));
            Assert.Equal(1, await box.CassandraVersionCountAsync("users", NewerInCassandra));
            Assert.Equal(2, await box.CassandraVersionCountAsync("users", NewerInElasticsearch));
            Assert.Equal(1, await box.CassandraVersionCountAsync("users", Same));
        }
    }

    [Theory]
    [InlineData(IndexLayout.PerTable)]
    [InlineData(IndexLayout.SingleIndex)]
    public async Task Both_directions_converge_to_the_newest_version_and_a_second_run_writes_nothing(IndexLayout layout)
    {
        await using var box = await StartSandboxAsync(layout);
        var scenario = new Scenario();
        await scenario.SeedAsync(box);

        var first = await box.RunAsync();

        AssertStatus(RunStatus.Succeeded, first);
        Assert.True(first.CheckpointAdvanced, first.CheckpointNote);
        var toElasticsearch = first.Tables.Single(t => t.Direction == SyncDirection.CassandraToElasticsearch);
        var toCassandra = first.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra);
        Assert.Equal(5, toElasticsearch.Read); // four ids in Cassandra, one of them with two versions
        Assert.Equal(5, toCassandra.Read); // four documents plus the one just synced over
        Assert.Equal(2, toElasticsearch.Written); // only-in-Cassandra and newer-in-Cassandra
        Assert.Equal(2, toCassandra.Written); // only-in-Elasticsearch and newer-in-Elasticsearch
        await scenario.AssertConvergedAsync(box);

        var second = await box.RunAsync(configure: r => r.Begin = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        AssertStatus(RunStatus.Succeeded, second);
        Assert.All(second.Tables, t => Assert.Equal(0, t.Written));
        await scenario.AssertConvergedAsync(box);
    }

    [Theory]
    [InlineData(SyncDirection.CassandraToElasticsearch, SyncDirection.ElasticsearchToCassandra)]
    [InlineData(SyncDirection.ElasticsearchToCassandra, SyncDirection.CassandraToElasticsearch)]
    public async Task Which_side_syncs_first_does_not_matter(SyncDirection first, SyncDirection second)
    {
        await using var box = await StartSandboxAsync();
        var scenario = new Scenario();
        await scenario.SeedAsync(box);

        AssertStatus(RunStatus.Succeeded, await box.RunAsync(first, r => r.NoCheckpoint = true));
        AssertStatus(RunStatus.Succeeded, await box.RunAsync(second, r => r.NoCheckpoint = true));

        await scenario.AssertConvergedAsync(box);
    }

    [Fact]
    public async Task An_entry_updated_during_a_run_is_synced_by_the_next_run()
    {
        await using var box = await StartSandboxAsync();
        await box.CreateCassandraTableAsync("users");
        await box.CreateElasticsearchIndexAsync("users");
        var id = Guid.NewGuid();
        await box.InsertCassandraAsync("users", id, Base, "before");
        DateTime updatedAt = default;
        // While the run writes to Elasticsearch, an application writes a newer version in Cassandra.
        box.ElasticsearchNode.Faults.BeforeRequest(r => r.Path.Contains("_bulk"), async _ =>
        {
            updatedAt = DateTime.UtcNow;
            await box.InsertCassandraAsync("users", id, updatedAt, "during");
        });

        var first = await box.RunAsync();

        AssertStatus(RunStatus.Succeeded, first);
        Assert.True(updatedAt >= first.End || (await box.DocumentAsync("users", id))?.Name == "during",
            "a version written after the range end must not be lost: it is either synced now or lies in the next range");
        await Task.Delay(20); // the next run's end lies after the update
        var second = await box.RunAsync();
        AssertStatus(RunStatus.Succeeded, second);
        Assert.Equal((Ms(updatedAt), "during"), await box.DocumentAsync("users", id));
        Assert.Equal(2, await box.CassandraVersionCountAsync("users", id));
    }

    [Fact]
    public async Task A_document_indexed_just_before_the_end_but_not_yet_refreshed_is_not_lost()
    {
        await using var box = await StartSandboxAsync();
        await box.CreateCassandraTableAsync("users");
        await box.CreateElasticsearchIndexAsync("users", refreshInterval: "-1");
        var id = Guid.NewGuid();
        await box.IndexDocumentAsync("users", id, DateTime.UtcNow.AddMilliseconds(-200), "fresh", refresh: false);
        // The danger is real: a search does not see it yet.
        var hits = await box.SendAsync(HttpMethod.Post, "/app-users/_count", "{\"query\":{\"match_all\":{}}}");
        Assert.Contains("\"count\":0", hits);

        var result = await box.RunAsync(SyncDirection.ElasticsearchToCassandra);

        AssertStatus(RunStatus.Succeeded, result);
        Assert.Equal("fresh", (await box.NewestInCassandraAsync("users", id))?.Name);
    }

    [Fact]
    public async Task The_default_run_starts_at_the_last_end_minus_the_overlap_and_an_explicit_range_of_one_table_keeps_the_watermarks()
    {
        await using var box = await StartSandboxAsync();
        await box.CreateCassandraTableAsync("users");
        await box.CreateCassandraTableAsync("orders");
        await box.CreateElasticsearchIndexAsync("users");
        await box.CreateElasticsearchIndexAsync("orders");
        var t1 = Base;
        box.Clock = () => t1;
        var first = await box.RunAsync();
        Assert.True(first.CheckpointAdvanced, first.CheckpointNote);
        Assert.Equal(t1, box.Checkpoints.TryRead(box.Configuration())!.End);

        // Written late (clock skew, a slow writer): its tmstmp lies before the checkpoint but inside the overlap.
        var late = Guid.NewGuid();
        var later = Guid.NewGuid();
        var tooOld = Guid.NewGuid();
        await box.InsertCassandraAsync("users", late, t1.AddSeconds(-90), "late");
        await box.InsertCassandraAsync("users", later, t1.AddMinutes(1), "later");
        await box.InsertCassandraAsync("users", tooOld, t1.AddMinutes(-3), "too old");

        // A run of one table with an explicit range before the watermarks leaves them alone.
        box.Clock = () => t1.AddMinutes(2);
        var other = await box.RunAsync(SyncDirection.Both, r => { r.Begin = t1.AddMinutes(-30); r.End = t1.AddMinutes(-20); }, "orders");
        AssertStatus(RunStatus.Succeeded, other);
        Assert.Equal(t1, box.Checkpoints.TryRead(box.Configuration())!.End);

        var second = await box.RunAsync();

        Assert.Equal(t1 - RangeResolverOverlap, second.Begin);
        Assert.Equal(t1.AddMinutes(2), second.End);
        Assert.Equal("late", (await box.DocumentAsync("users", late))?.Name);
        Assert.Equal("later", (await box.DocumentAsync("users", later))?.Name);
        Assert.Null(await box.DocumentAsync("users", tooOld)); // before the overlap: only an explicit range reaches it
        Assert.Equal(t1.AddMinutes(2), box.Checkpoints.TryRead(box.Configuration())!.End);
    }

    private static readonly TimeSpan RangeResolverOverlap = Synced.Core.Time.RangeResolver.DefaultOverlap;

    [Fact]
    public async Task A_run_with_a_failed_entry_keeps_the_checkpoint_and_the_next_run_syncs_it()
    {
        await using var box = await StartSandboxAsync();
        await box.CreateCassandraTableAsync("users");
        await box.CreateElasticsearchIndexAsync("users");
        var t1 = Base;
        box.Clock = () => t1;
        Assert.True((await box.RunAsync()).CheckpointAdvanced);
        var (good, rejected) = (Guid.NewGuid(), Guid.NewGuid());
        await box.InsertCassandraAsync("users", good, t1.AddSeconds(10), "good");
        await box.InsertCassandraAsync("users", rejected, t1.AddSeconds(20), "rejected");
        box.ElasticsearchNode.Faults.RejectBulkItems(100, item => item.Id == rejected.ToString());
        box.Clock = () => t1.AddMinutes(1);

        var failed = await box.RunAsync();

        AssertStatus(RunStatus.Incomplete, failed);
        var failure = Assert.Single(failed.Failures);
        Assert.Equal(rejected, failure.Id);
        Assert.Equal("users", failure.Table);
        Assert.Equal(SyncDirection.CassandraToElasticsearch, failure.Direction);
        // The failed direction keeps its watermark; the way back finished and moved its own.
        var checkpoint = box.Checkpoints.TryRead(box.Configuration())!;
        Assert.Equal(t1, checkpoint.WatermarkFor(new WatermarkKey("users", SyncDirection.CassandraToElasticsearch)));
        Assert.Equal(t1.AddMinutes(1), checkpoint.WatermarkFor(new WatermarkKey("users", SyncDirection.ElasticsearchToCassandra)));
        Assert.Equal(t1, checkpoint.End);
        Assert.Equal("good", (await box.DocumentAsync("users", good))?.Name);
        Assert.Null(await box.DocumentAsync("users", rejected));

        box.ElasticsearchNode.Faults.Clear();
        box.Clock = () => t1.AddMinutes(2);
        var retried = await box.RunAsync();

        AssertStatus(RunStatus.Succeeded, retried);
        Assert.Equal(t1 - RangeResolverOverlap, retried.Begin);
        Assert.Equal("rejected", (await box.DocumentAsync("users", rejected))?.Name);
        Assert.Equal(t1.AddMinutes(2), box.Checkpoints.TryRead(box.Configuration())!.End);
    }

    [Fact]
    public async Task A_value_Cassandra_cannot_hold_fails_its_entry_only_and_syncs_once_fixed()
    {
        await using var box = await StartSandboxAsync();
        await box.Cql.ExecuteAsync("CREATE TABLE app.stock (id uuid, tmstmp timeuuid, qty int, PRIMARY KEY (id, tmstmp))");
        await box.SendAsync(HttpMethod.Put, "/app-stock", "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"qty\":{\"type\":\"long\"}}},\"aliases\":{\"app\":{}}}");
        var (ok, huge) = (Guid.NewGuid(), Guid.NewGuid());
        await box.SendAsync(HttpMethod.Put, $"/app-stock/_doc/{ok}?refresh=true", $"{{\"id\":\"{ok}\",\"tmstmp\":\"{Base:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"qty\":5}}");
        await box.SendAsync(HttpMethod.Put, $"/app-stock/_doc/{huge}?refresh=true", $"{{\"id\":\"{huge}\",\"tmstmp\":\"{Base:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"qty\":3000000000}}");

        var failed = await box.RunAsync(SyncDirection.ElasticsearchToCassandra);

        AssertStatus(RunStatus.Incomplete, failed);
        Assert.Null(box.Checkpoints.TryRead(box.Configuration()));
        var failure = Assert.Single(failed.Failures);
        Assert.Equal(huge, failure.Id);
        Assert.Contains($"table app.stock, id {huge}: field 'qty' (int)", failure.Reason);
        Assert.Equal(1, await box.CassandraRowCountAsync("stock"));

        // The cause is fixed at the source: a newer version with a quantity the column holds.
        await box.SendAsync(HttpMethod.Put, $"/app-stock/_doc/{huge}?refresh=true", $"{{\"id\":\"{huge}\",\"tmstmp\":\"{Base.AddSeconds(1):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"qty\":3}}");
        var retried = await box.RunAsync(SyncDirection.ElasticsearchToCassandra);

        AssertStatus(RunStatus.Succeeded, retried);
        Assert.True(retried.CheckpointAdvanced);
        Assert.Equal(2, await box.CassandraRowCountAsync("stock"));
    }

    [Fact]
    public async Task Every_CQL_type_survives_Cassandra_to_Elasticsearch_and_back_unchanged()
    {
        await using var box = await StartSandboxAsync();
        await box.Cql.ExecuteAsync(Cassandra.AllTypes.CreateType.Replace("ks.", "app."));
        await box.CreateCassandraTableAsync("everything", Cassandra.AllTypes.Columns);
        var table = (await box.Cassandra.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "everything");
        var id = Guid.NewGuid();
        var tmstmp = Base.AddTicks(4_567);
        await box.Cassandra.UpsertIfNewerAsync(table, new[] { new SyncEntry("everything", id, tmstmp, Cassandra.AllTypes.TypedValues()) },
            new Synced.Core.Stores.UpsertContext(), CancellationToken.None);

        var there = await box.RunAsync(SyncDirection.CassandraToElasticsearch, r => { r.CreateMissing = true; r.NoCheckpoint = true; });
        AssertStatus(RunStatus.Succeeded, there);
        Assert.Equal(1, there.Tables.Single().Written);
        // Cassandra forgets the entry; only Elasticsearch's copy can bring it back.
        await box.Cql.ExecuteAsync("DELETE FROM app.everything WHERE id = ?", id);
        var back = await box.RunAsync(SyncDirection.ElasticsearchToCassandra, r => r.NoCheckpoint = true);
        AssertStatus(RunStatus.Succeeded, back);
        Assert.Equal(1, back.Tables.Single().Written);

        var entries = new System.Collections.Generic.List<SyncEntry>();
        await foreach (var entry in box.Cassandra.ReadAsync(table, new Synced.Core.Time.TimeRange(Base, Base.AddMinutes(1)), CancellationToken.None)) entries.Add(entry);
        var returned = Assert.Single(entries);
        Assert.Equal(id, returned.Id);
        Assert.Equal(Ms(tmstmp), returned.Tmstmp);
        Cassandra.AllTypes.AssertSame(Cassandra.AllTypes.TypedValues(), returned.Fields);
    }

    [Fact]
    public async Task Table_selection_and_direction_limit_what_is_synced()
    {
        await using var box = await StartSandboxAsync();
        await box.CreateCassandraTableAsync("users");
        await box.CreateCassandraTableAsync("orders");
        await box.CreateElasticsearchIndexAsync("users");
        await box.CreateElasticsearchIndexAsync("orders");
        var (user, order, esUser) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await box.InsertCassandraAsync("users", user, Base, "u");
        await box.InsertCassandraAsync("orders", order, Base, "o");
        await box.IndexDocumentAsync("users", esUser, Base, "e");

        var result = await box.RunAsync(SyncDirection.CassandraToElasticsearch, null, "us*");

        AssertStatus(RunStatus.Succeeded, result);
        Assert.Equal(new[] { "users" }, result.Tables.Select(t => t.Table));
        Assert.Equal("u", (await box.DocumentAsync("users", user))?.Name);
        Assert.Null(await box.DocumentAsync("orders", order));
        Assert.Null(await box.NewestInCassandraAsync("users", esUser));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_written_and_writes_nothing_on_either_side()
    {
        await using var box = await StartSandboxAsync();
        var scenario = new Scenario();
        await scenario.SeedAsync(box);

        var result = await box.RunAsync(configure: r => { r.DryRun = true; r.CreateMissing = true; });

        AssertStatus(RunStatus.WhatIf, result);
        Assert.Equal(2, result.Tables.Single(t => t.Direction == SyncDirection.CassandraToElasticsearch).WouldWrite);
        Assert.Equal(2, result.Tables.Single(t => t.Direction == SyncDirection.ElasticsearchToCassandra).WouldWrite);
        Assert.Null(box.Checkpoints.TryRead(box.Configuration()));
        Assert.Null(await box.DocumentAsync("users", scenario.OnlyCassandra));
        Assert.Null(await box.NewestInCassandraAsync("users", scenario.OnlyElasticsearch));
        Assert.Equal(("e-older"), (await box.DocumentAsync("users", scenario.NewerInCassandra))?.Name);
        Assert.Equal(1, await box.CassandraVersionCountAsync("users", scenario.NewerInElasticsearch));
    }

    [Theory]
    [InlineData(IndexLayout.PerTable)]
    [InlineData(IndexLayout.SingleIndex)]
    public async Task Missing_tables_are_created_both_ways_in_either_index_layout(IndexLayout layout)
    {
        await using var box = await StartSandboxAsync(layout);
        await box.CreateCassandraTableAsync("users");
        await box.CreateElasticsearchIndexAsync("orders");
        var (user, order) = (Guid.NewGuid(), Guid.NewGuid());
        await box.InsertCassandraAsync("users", user, Base.AddTicks(3), "u");
        await box.IndexDocumentAsync("orders", order, Base, "o");

        var without = await box.RunAsync(configure: r => r.NoCheckpoint = true);
        Assert.All(without.Tables, t => Assert.Equal(TableStatus.Unmatched, t.Status));
        AssertStatus(RunStatus.Incomplete, without);
        Assert.False(await box.CassandraHasTableAsync("orders"));

        var result = await box.RunAsync(configure: r => r.CreateMissing = true);

        AssertStatus(RunStatus.Succeeded, result);
        // Cassandra's users go first and create their index; Elasticsearch's orders then create their table.
        Assert.Equal(new[] { "CassandraToElasticsearch users", "ElasticsearchToCassandra orders" },
            result.Tables.Where(t => t.Created).Select(t => $"{t.Direction} {t.Table}").OrderBy(t => t));
        Assert.Equal((Ms(Base.AddTicks(3)), "u"), await box.DocumentAsync("users", user));
        Assert.Equal((Base, "o"), await box.NewestInCassandraAsync("orders", order));
        if (layout == IndexLayout.PerTable) Assert.True(await box.IndexExistsAsync("app-users"));
        else Assert.False(await box.IndexExistsAsync("app-users"));
        // Both sides now hold both tables, converged.
        var again = await box.RunAsync(configure: r => r.NoCheckpoint = true);
        AssertStatus(RunStatus.Succeeded, again);
        Assert.All(again.Tables, t => Assert.Equal(0, t.Written));
        Assert.Equal(4, again.Tables.Count);
    }

    [Fact]
    public async Task An_Elasticsearch_object_field_lands_as_its_JSON_text_in_a_created_Cassandra_table()
    {
        await using var box = await StartSandboxAsync();
        await box.SendAsync(HttpMethod.Put, "/app-profiles",
            "{\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\"},\"address\":{\"properties\":{\"city\":{\"type\":\"keyword\"}}},\"age\":{\"type\":\"integer\"}}},\"aliases\":{\"app\":{}}}");
        var id = Guid.NewGuid();
        await box.SendAsync(HttpMethod.Put, $"/app-profiles/_doc/{id}?refresh=true",
            $"{{\"id\":\"{id}\",\"tmstmp\":\"{Base:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"address\":{{\"city\":\"Oslo\",\"zip\":150}},\"age\":42}}");

        var result = await box.RunAsync(SyncDirection.ElasticsearchToCassandra, r => r.CreateMissing = true);

        AssertStatus(RunStatus.Succeeded, result);
        var table = (await box.Cassandra.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "profiles");
        Assert.Equal("text", table.FindColumn("address")!.TypeName);
        Assert.Equal("int", table.FindColumn("age")!.TypeName);
        await foreach (var row in box.Cql.QueryAsync("SELECT address, age FROM app.profiles WHERE id = ?", id))
        {
            Assert.Equal("{\"city\":\"Oslo\",\"zip\":150}", row.GetString(0));
            Assert.Equal(42, row.GetInt32(1));
        }
        Assert.Equal(1, await box.CassandraRowCountAsync("profiles"));

        // A newer Cassandra version of that row goes back as an object, as the index maps the field.
        await box.Cql.ExecuteAsync("INSERT INTO app.profiles (id, tmstmp, address, age) VALUES (?, ?, ?, ?)",
            id, Synced.Cql.Types.TimeUuid.Create(new DateTimeOffset(Base.AddMinutes(1))), "{\"city\":\"Bergen\",\"zip\":5003}", 43);
        var back = await box.RunAsync(SyncDirection.CassandraToElasticsearch);
        AssertStatus(RunStatus.Succeeded, back);
        using var source = await box.SourceAsync("profiles", id);
        var address = source!.RootElement.GetProperty("address");
        Assert.Equal(JsonValueKind.Object, address.ValueKind);
        Assert.Equal("Bergen", address.GetProperty("city").GetString());
    }
}

/// <summary>The end-to-end suite against the Elasticsearch emulator in 8.x mode.</summary>
public sealed class SyncEndToEndTestsOnElasticsearch8 : SyncEndToEndTests
{
    protected override string ElasticsearchVersion => SandboxVersions.Elasticsearch8;
}

/// <summary>
/// The end-to-end suite against a three-node Cassandra cluster: the keyspace replicated three times and the store
/// reading and writing at LOCAL_QUORUM, so every request needs two replicas, routed across nodes by token.
/// </summary>
public sealed class SyncEndToEndTestsOnThreeCassandraNodes : SyncEndToEndTests
{
    private protected override SandboxCassandra CassandraCluster => SandboxCassandra.ThreeNodes;

    private static bool IsStoreRead(CqlRequestRecord r) => r.Opcode == CqlOpcode.Execute && r.Query is { } q && q.StartsWith("SELECT", StringComparison.Ordinal) && q.Contains("app.users", StringComparison.Ordinal);

    // An entry alone, or the entries of one replica together in a batch.
    private static bool IsStoreWrite(CqlRequestRecord r) => r.Opcode is CqlOpcode.Execute or CqlOpcode.Batch && r.Query is { } q && q.StartsWith("INSERT INTO app.users", StringComparison.Ordinal);

    [Fact]
    public async Task The_store_reads_and_writes_at_LOCAL_QUORUM_on_three_replicas_across_the_nodes()
    {
        await using var box = await StartSandboxAsync();
        var scenario = new Scenario();
        await scenario.SeedAsync(box);
        box.CassandraNode.Requests.Clear();

        AssertStatus(RunStatus.Succeeded, await box.RunAsync());

        await scenario.AssertConvergedAsync(box);
        var requests = box.CassandraNode.Requests.Snapshot();
        var reads = requests.Where(IsStoreRead).ToList();
        var writes = requests.Where(IsStoreWrite).ToList();
        Assert.NotEmpty(reads);
        Assert.NotEmpty(writes);
        Assert.All(reads.Concat(writes), r => Assert.Equal(ConsistencyLevel.LocalQuorum, r.Consistency));
        Assert.All(reads, r => Assert.Equal(2, r.Replicas.Count));
        Assert.All(writes, r => Assert.Equal(3, r.Replicas.Count));
        Assert.Equal(3, box.CassandraNode.Nodes.Count);
        Assert.True(requests.Where(IsStoreRead).Select(r => r.Coordinator.Address).Distinct().Count() > 1, "every scan went to one coordinator: the store does not route across the nodes");
    }

    [Fact]
    public async Task With_one_node_of_three_down_LOCAL_QUORUM_is_still_met_and_the_run_converges()
    {
        await using var box = await StartSandboxAsync();
        var scenario = new Scenario();
        await scenario.SeedAsync(box);
        await box.CassandraNode.Nodes[2].StopAsync();

        var result = await box.RunAsync();

        AssertStatus(RunStatus.Succeeded, result);
        await scenario.AssertConvergedAsync(box);
    }

    [Fact]
    public async Task With_two_nodes_of_three_down_the_run_fails_its_tables_and_keeps_its_checkpoint()
    {
        await using var box = await StartSandboxAsync();
        var scenario = new Scenario();
        await scenario.SeedAsync(box);
        await box.CassandraNode.Nodes[1].StopAsync();
        await box.CassandraNode.Nodes[2].StopAsync();

        var result = await box.RunAsync();

        AssertStatus(RunStatus.Incomplete, result);
        Assert.False(result.CheckpointAdvanced);
        Assert.All(result.Tables, t => Assert.Equal(0, t.Written));
        var scan = result.Tables.Single(t => t.Direction == SyncDirection.CassandraToElasticsearch);
        Assert.Equal(TableStatus.Failed, scan.Status);
        Assert.Contains("Cannot achieve consistency level LOCAL_QUORUM", scan.Message);
        Assert.Contains("enough replicas", scan.Message);
        Assert.NotEmpty(result.Failures);
        Assert.All(result.Failures, f => Assert.Contains("LOCAL_QUORUM", f.Reason));
    }
}
