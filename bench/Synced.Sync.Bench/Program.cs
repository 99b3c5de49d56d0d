using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Checkpoints;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;

namespace Synced.Sync.Bench;

/// <summary>
/// Loads <c>ids × versions</c> rows into an emulated Cassandra table, syncs them to an emulated Elasticsearch
/// (the newest version of each id lands), then back into an empty keyspace (created there with -CreateMissing),
/// and prints rows/s both ways with the process's peak working set and GC figures.
/// Usage: <c>dotnet run -c Release --project bench/Synced.Sync.Bench -- [--ids 50000] [--versions 2]</c>.
/// </summary>
internal static class Program
{
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static async Task<int> Main(string[] args)
    {
        var ids = Argument(args, "--ids", 50_000);
        var versions = Argument(args, "--versions", 2);
        var rows = ids * versions;
        Console.WriteLine($"Synced sync bench: {ids:N0} ids x {versions} versions = {rows:N0} rows, {Environment.ProcessorCount} processors, .NET {Environment.Version}");

        await using var cassandraNode = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        await using var elasticsearchNode = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0 });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{cassandraNode.EndPoint.Port}");
        await using var cql = await CqlSession.ConnectAsync(cluster);
        foreach (var keyspace in new[] { "bench", "back" })
            await cql.ExecuteAsync($"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await cql.ExecuteAsync("CREATE TABLE bench.items (id uuid, tmstmp timeuuid, name text, qty int, price decimal, tags list<text>, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");

        var load = Stopwatch.StartNew();
        await LoadAsync(cql, ids, versions);
        load.Stop();
        Console.WriteLine($"loaded    {rows,9:N0} rows into Cassandra in {load.Elapsed.TotalSeconds,6:F1} s ({rows / load.Elapsed.TotalSeconds,8:N0} rows/s)   working set {Mb(Environment.WorkingSet)}, " +
                          $"live managed memory {Mb(GC.GetTotalMemory(true))} (the emulated data at rest)");

        var state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-bench-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var runner = new SyncRunner(new CheckpointStore(state));
            var connection = new ElasticsearchConnectionOptions();
            connection.Uris.Add(elasticsearchNode.Uri);
            await using var elasticsearch = await ElasticsearchStore.ConnectAsync(connection, new ElasticsearchStoreOptions { Index = "bench" }, CancellationToken.None);
            await using var cassandra = await CassandraStore.ConnectAsync(StoreOptions(cassandraNode), "bench", CancellationToken.None);
            await using var back = await CassandraStore.ConnectAsync(StoreOptions(cassandraNode), "back", CancellationToken.None);

            var there = await RunAsync(runner, cassandra, elasticsearch, "bench", SyncDirection.CassandraToElasticsearch);
            Report("Cassandra -> Elasticsearch", there);
            var home = await RunAsync(runner, back, elasticsearch, "back", SyncDirection.ElasticsearchToCassandra);
            Report("Elasticsearch -> Cassandra", home);
            var again = await RunAsync(runner, cassandra, elasticsearch, "bench", SyncDirection.Both, noCheckpoint: true);
            Report("both, nothing newer (re-run)", again);

            var process = Process.GetCurrentProcess();
            process.Refresh();
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine($"peak working set {Mb(process.PeakWorkingSet64)} (both emulators' data included); working set now {Mb(process.WorkingSet64)}");
            Console.WriteLine($"GC: heap {Mb(info.HeapSizeBytes)}, managed in use {Mb(GC.GetTotalMemory(false))}, total allocated {Mb(GC.GetTotalAllocatedBytes())}, " +
                              $"collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
            var ok = there.Status == RunStatus.Succeeded && home.Status == RunStatus.Succeeded && again.Status == RunStatus.Succeeded
                     // The scan is unordered: an id whose older version comes in an earlier batch is written twice, newest last.
                     && there.Tables.Sum(t => t.Written) >= ids && home.Tables.Sum(t => t.Written) == ids && again.Tables.Sum(t => t.Written) == 0;
            Console.WriteLine(ok ? "OK: every id synced both ways, the re-run wrote nothing" : "FAILED: see the counts above");
            return ok ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }

    private static CassandraStoreOptions StoreOptions(CassandraEmulator node)
    {
        var options = new CassandraStoreOptions { Port = node.EndPoint.Port };
        options.ContactPoints.Add("127.0.0.1");
        return options;
    }

    private static async Task<SyncResult> RunAsync(SyncRunner runner, CassandraStore cassandra, ElasticsearchStore elasticsearch, string keyspace,
        SyncDirection direction, bool noCheckpoint = false)
    {
        var configuration = new SyncConfiguration(keyspace, "bench");
        var request = new SyncRequest(configuration) { Direction = direction, CreateMissing = true, NoCheckpoint = noCheckpoint };
        return await runner.RunAsync(request, cassandra, elasticsearch, null, CancellationToken.None);
    }

    private static void Report(string what, SyncResult result)
    {
        var read = result.Tables.Sum(t => t.Read);
        var written = result.Tables.Sum(t => t.Written);
        var seconds = result.Duration.TotalSeconds;
        Console.WriteLine($"{what,-30} {result.Status,-10} read {read,9:N0} written {written,9:N0} not newer {result.Tables.Sum(t => t.SkippedNotNewer),9:N0} " +
                          $"failed {result.FailureCount} in {seconds,6:F1} s = {read / seconds,8:N0} rows/s read, {written / seconds,8:N0} rows/s written   peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}");
        // Live memory after a full collection: the emulators' data plus what the sync kept (nothing, if it streams).
        Console.WriteLine($"{"",30} live managed memory after the run {Mb(GC.GetTotalMemory(true))}");
        foreach (var failure in result.Failures.Take(3)) Console.WriteLine("  " + failure);
        foreach (var table in result.Tables.Where(t => t.Message is not null)) Console.WriteLine($"  {table.Direction} {table.Table}: {table.Message}");
    }

    /// <summary>Inserts the versions with bounded concurrency: version v of an id is v minutes after a base instant.</summary>
    private static async Task LoadAsync(CqlSession cql, int ids, int versions)
    {
        var insert = await cql.PrepareAsync("INSERT INTO bench.items (id, tmstmp, name, qty, price, tags) VALUES (?, ?, ?, ?, ?, ?)");
        var start = DateTime.UtcNow.AddDays(-1);
        var node = new byte[] { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab };
        using var gate = new SemaphoreSlim(256);
        var pending = new Task[ids * versions];
        var random = new Random(42);
        for (var i = 0; i < ids; i++)
        {
            var id = Guid.NewGuid();
            for (var v = 0; v < versions; v++)
            {
                var at = start.AddMinutes(v).AddTicks(random.Next(0, 600_000_000));
                var version = TimeUuid.FromUnixTicks(at.Ticks - UnixEpochTicks, node, (ushort)(i & 0x3FFF));
                var values = new object?[] { id, version, "item " + i.ToString(CultureInfo.InvariantCulture), i % 1000, new CqlDecimal(i * 100 + v, 2), new[] { "a", "v" + v } };
                await gate.WaitAsync();
                pending[i * versions + v] = InsertAsync(cql, insert, values, gate);
            }
        }
        await Task.WhenAll(pending);
    }

    private static async Task InsertAsync(CqlSession cql, PreparedStatement insert, object?[] values, SemaphoreSlim gate)
    {
        try
        {
            await cql.ExecuteAsync(insert.Bind(values));
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0),7:F0} MB";

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
