using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.Cql;
using Synced.Cql.Protocol;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>The store on an emulated cluster of three nodes (replication factor 3): what a real cluster does to a run.</summary>
public sealed class EmulatedClusterTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Range = new(Begin, Begin.AddMonths(1));
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private sealed class Cluster : IAsyncDisposable
    {
        public CassandraEmulator Emulator { get; private init; } = null!;
        public CqlSession Admin { get; private init; } = null!;

        public static async Task<Cluster> StartAsync(string version = "4.1.5")
        {
            var emulator = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0, Nodes = 3, CassandraVersion = version });
            var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero };
            options.ContactPoints.Add(emulator.EndPoint.ToString());
            var admin = await CqlSession.ConnectAsync(options);
            await admin.ExecuteAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
            await admin.ExecuteAsync("CREATE TABLE ks.t (id uuid, tmstmp timeuuid, name text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");
            return new Cluster { Emulator = emulator, Admin = admin };
        }

        public async Task<List<Guid>> FillAsync(int count)
        {
            var ids = new List<Guid>();
            var insert = await Admin.PrepareAsync("INSERT INTO ks.t (id, tmstmp, name) VALUES (?, ?, ?)");
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                var at = Begin.AddSeconds(i);
                await Admin.ExecuteAsync(insert.Bind(id, TimeUuid.FromUnixTicks(at.Ticks - UnixEpochTicks, new byte[] { 1, 2, 3, 4, 5, 6 }, 1), "n" + i));
                ids.Add(id);
            }
            return ids;
        }

        public Task<CassandraStore> StoreAsync(Action<CassandraStoreOptions>? configure = null)
        {
            var options = new CassandraStoreOptions { Port = Emulator.EndPoint.Port, Consistency = Consistency.One, ScanRetryDelay = TimeSpan.FromMilliseconds(20) };
            options.ContactPoints.Add(Emulator.EndPoint.Address.ToString());
            configure?.Invoke(options);
            return CassandraStore.ConnectAsync(options, "ks", CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await Admin.DisposeAsync();
            await Emulator.DisposeAsync();
        }
    }

    private static async Task<List<SyncEntry>> ReadAllAsync(CassandraStore store, string table = "t")
    {
        var info = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == table);
        var entries = new List<SyncEntry>();
        await foreach (var entry in store.ReadAsync(info, Range, CancellationToken.None)) entries.Add(entry);
        return entries;
    }

    private static bool IsScan(CqlRequestRecord r) => r.Opcode == CqlOpcode.Execute && r.Query is not null && r.Query.Contains("token(id) >", StringComparison.Ordinal);

    [Fact]
    public async Task Every_page_of_a_scan_is_coordinated_by_a_replica_of_its_token_range()
    {
        await using var cluster = await Cluster.StartAsync();
        var ids = await cluster.FillAsync(200);
        await using var store = await cluster.StoreAsync(o => o.PageSize = 15);
        cluster.Emulator.Requests.Clear();

        var entries = await ReadAllAsync(store);

        Assert.Equal(ids.OrderBy(g => g), entries.Select(e => e.Id).OrderBy(g => g));
        var scans = cluster.Emulator.Requests.Snapshot().Where(IsScan).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, r => Assert.True(r.CoordinatorWasReplica, $"{r} was not coordinated by a replica"));
    }

    [Fact]
    public async Task A_node_stopped_mid_scan_leaves_its_pages_to_the_other_replicas_and_nothing_is_skipped_or_read_twice()
    {
        await using var cluster = await Cluster.StartAsync();
        var ids = await cluster.FillAsync(300);
        await using var store = await cluster.StoreAsync(o => { o.PageSize = 10; o.ReadParallelism = 2; });
        var victim = cluster.Emulator.Nodes[1];
        var scanned = 0;
        Task? stopping = null;
        cluster.Emulator.Faults.AddLatency(TimeSpan.Zero, r =>
        {
            if (r.Opcode == CqlOpcode.Execute && r.Query!.Contains("token(id) >", StringComparison.Ordinal) && Interlocked.Increment(ref scanned) == 8)
                stopping = victim.StopAsync();
            return false;
        });

        var entries = await ReadAllAsync(store);

        Assert.NotNull(stopping);
        await stopping!;
        Assert.False(victim.IsUp);
        var read = entries.Select(e => e.Id).ToList();
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(ids.OrderBy(g => g), read.OrderBy(g => g));
    }

    [Fact]
    public async Task Reads_run_at_the_read_level_and_writes_at_the_write_level()
    {
        await using var cluster = await Cluster.StartAsync();
        var ids = await cluster.FillAsync(20);
        await cluster.Emulator.Nodes[2].StopAsync();
        // One node down of three: ONE can still read, ALL cannot write.
        await using var store = await cluster.StoreAsync(o => { o.ReadConsistency = Consistency.One; o.WriteConsistency = Consistency.All; });
        var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "t");
        cluster.Emulator.Requests.Clear();

        var entries = await ReadAllAsync(store);
        var outcomes = await store.UpsertIfNewerAsync(table, new[] { new SyncEntry("t", Guid.NewGuid(), Begin.AddDays(2), new Dictionary<string, object?> { ["name"] = "new" }) },
            new Synced.Core.Stores.UpsertContext(), CancellationToken.None);

        Assert.Equal(ids.Count, entries.Count);
        var failed = Assert.Single(outcomes);
        Assert.Equal(UpsertOutcomeKind.Failed, failed.Kind);
        Assert.Contains("ALL", failed.Reason);
        // A node logs a request as it answers it: the refused INSERT may land just after its answer.
        var requests = cluster.Emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute).ToList();
        for (var i = 0; i < 100 && !requests.Any(r => r.Query!.StartsWith("INSERT", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(20);
            requests = cluster.Emulator.Requests.Snapshot().Where(r => r.Opcode == CqlOpcode.Execute).ToList();
        }
        Assert.All(requests.Where(r => r.Query!.StartsWith("SELECT", StringComparison.Ordinal)), r => Assert.Equal(ConsistencyLevel.One, r.Consistency));
        Assert.Contains(requests, r => r.Query!.StartsWith("INSERT", StringComparison.Ordinal) && r.Consistency == ConsistencyLevel.All);
    }

    [Fact]
    public async Task A_table_created_on_a_cluster_whose_ddl_propagates_late_is_written_to_on_every_node()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Emulator.Settings.SchemaPropagationDelay = TimeSpan.FromMilliseconds(700);
        await using var store = await cluster.StoreAsync();
        var source = new TableInfo("late", new[] { new ColumnInfo("id", ElasticsearchFieldType.Keyword), new ColumnInfo("tmstmp", ElasticsearchFieldType.Date), new ColumnInfo("name", ElasticsearchFieldType.Keyword) });
        var clock = Stopwatch.StartNew();

        var created = await store.CreateTableAsync(source, CancellationToken.None);
        var waited = clock.Elapsed;
        var batch = Enumerable.Range(0, 30).Select(i => new SyncEntry("late", Guid.NewGuid(), Begin.AddSeconds(i), new Dictionary<string, object?> { ["name"] = "x" })).ToList();
        var outcomes = await store.UpsertIfNewerAsync(created, batch, new Synced.Core.Stores.UpsertContext(), CancellationToken.None);

        Assert.True(waited >= TimeSpan.FromMilliseconds(600), $"returned after {waited.TotalMilliseconds} ms, before the other nodes had the table");
        Assert.All(outcomes, o => Assert.Equal(UpsertOutcomeKind.Written, o.Kind));
    }

    [Fact]
    public async Task The_allow_filtering_guardrail_switched_off_is_reported_with_the_setting()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.FillAsync(3);
        cluster.Emulator.Settings.AllowFilteringEnabled = false;
        await using var store = await cluster.StoreAsync();

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => ReadAllAsync(store));

        Assert.Contains("allow_filtering guardrail", error.Message);
        Assert.Contains("allow_filtering_enabled: true", error.Message);
    }

    [Fact]
    public async Task A_slow_token_range_is_read_in_smaller_ranges_and_the_table_is_complete()
    {
        await using var cluster = await Cluster.StartAsync();
        var ids = await cluster.FillAsync(200);
        // Reads of a range that covers these tokens time out twice (range_request_timeout), as a slow replica would.
        cluster.Emulator.Settings.RangeRequestTimeout = TimeSpan.FromMilliseconds(200);
        cluster.Emulator.Faults.MakeTokenRangeSlow("ks", "t", -1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L, count: 2);
        await using var store = await cluster.StoreAsync(o => { o.PageSize = 50; o.ScanSplits = 1; });

        var entries = await ReadAllAsync(store);

        var read = entries.Select(e => e.Id).ToList();
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(ids.OrderBy(g => g), read.OrderBy(g => g));
        Assert.Contains(cluster.Emulator.Requests.Snapshot(), r => IsScan(r) && r.Error == CqlErrorCode.ReadTimeout);
    }

    [Fact]
    public async Task A_mutation_over_the_clusters_limit_fails_that_entry_only()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Emulator.Settings.MaxMutationSize = 64 * 1024;
        await using var store = await cluster.StoreAsync();
        var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "t");
        var (small, large) = (Guid.NewGuid(), Guid.NewGuid());

        var outcomes = await store.UpsertIfNewerAsync(table, new[]
        {
            new SyncEntry("t", large, Begin, new Dictionary<string, object?> { ["name"] = new string('x', 100 * 1024) }),
            new SyncEntry("t", small, Begin, new Dictionary<string, object?> { ["name"] = "small" }),
        }, new Synced.Core.Stores.UpsertContext(), CancellationToken.None);

        Assert.Equal(new[] { UpsertOutcomeKind.Failed, UpsertOutcomeKind.Written }, outcomes.Select(o => o.Kind));
        Assert.Contains("mutation size limit", outcomes[0].Reason);
    }

    [Fact]
    public async Task A_float_vector_column_of_Cassandra_5_round_trips_through_the_store()
    {
        await using var cluster = await Cluster.StartAsync("5.0.2");
        await cluster.Admin.ExecuteAsync("CREATE TABLE ks.embeddings (id uuid, tmstmp timeuuid, embedding vector<float, 3>, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");
        await using var store = await cluster.StoreAsync();
        var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == "embeddings");
        var id = Guid.NewGuid();

        Assert.True(table.MeetsContract, table.Reason);
        Assert.Equal("vector<float, 3>", table.FindColumn("embedding")!.TypeName);
        // As an Elasticsearch dense_vector comes back: JSON numbers.
        var outcomes = await store.UpsertIfNewerAsync(table, new[] { new SyncEntry("embeddings", id, Begin, new Dictionary<string, object?> { ["embedding"] = new List<object?> { 0.5m, -1L, 0.125m } }) },
            new Synced.Core.Stores.UpsertContext(), CancellationToken.None);
        var entry = Assert.Single(await ReadAllAsync(store, "embeddings"));

        Assert.Equal(UpsertOutcomeKind.Written, Assert.Single(outcomes).Kind);
        Assert.Equal(new object?[] { 0.5f, -1f, 0.125f }, Assert.IsType<List<object?>>(entry.Fields["embedding"]));
    }
}
