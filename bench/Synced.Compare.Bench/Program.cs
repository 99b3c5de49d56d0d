using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Checkpoints;
using Synced.Core.Comparison;
using Synced.Core.Elasticsearch;
using Synced.Core.Engine;
using Synced.Core.Time;
using Synced.Cql;
using Synced.Cql.Types;
using Synced.Emulators.Cassandra;
using Synced.Emulators.Elasticsearch;

namespace Synced.Compare.Bench;

/// <summary>
/// Measures Compare on N ids per side with a fraction of them differing (a quarter of each kind), for several N:
/// ids compared per second and the peak working set of the comparing process, next to the entries per second a
/// sync run's scan reads from the same data. The emulators and the loader live in this process; each measurement
/// runs in a child process of its own, so its peak working set is the comparison's alone.
/// Usage: <c>dotnet run -c Release --project bench/Synced.Compare.Bench -- [--sizes 100000,1000000] [--fraction 0.001]</c>.
/// </summary>
internal static class Program
{
    private const string Keyspace = "bench";
    private const int Attempts = 3;
    private const string Table = "items";
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "measure") return await Measure.RunAsync(args);

        var sizes = Option(args, "--sizes", "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var fraction = double.Parse(Option(args, "--fraction", "0.001"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Synced compare bench: {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} ids per side, " +
                          $"{fraction:P2} differing, {Environment.ProcessorCount} processors, .NET {Environment.Version}");
        Console.WriteLine("Each measurement runs in its own process against the emulators of this one; peak working set is that process's.");

        var rows = new List<Row>();
        var correct = true;
        foreach (var size in sizes)
        {
            var row = await BenchAsync(size, fraction);
            rows.Add(row);
            correct &= row.Correct;
        }

        Console.WriteLine();
        Console.WriteLine("| ids per side | differences (found / planted) | compare | ids compared/s (both sides) | peak working set | sync run entries/s | ratio | scan alone entries/s | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(FormattableString.Invariant(
                $"| {r.Size:N0} | {r.Found:N0} / {r.Planted:N0} | {r.CompareSeconds:F1} s ({r.Method}) | {r.CompareRate:N0} | {r.PeakMb:F0} MB | {r.RunRate:N0} | {r.CompareRate / r.RunRate:F1} | {r.ScanRate:N0} | {r.CompareRate / r.ScanRate:F2} |"));
        Console.WriteLine();
        Console.WriteLine("sync run: Invoke-SyncedRun's engine over everything, both ways, -WhatIf (reads every entry and the other side's version, writes nothing).");
        Console.WriteLine("scan alone: only the reads such a run starts with (every entry with its values, one side after the other), nothing asked of the other side.");
        if (rows.Count >= 2)
        {
            var small = rows[0];
            var large = rows[^1];
            var growth = large.PeakMb / small.PeakMb;
            Console.WriteLine(FormattableString.Invariant(
                $"peak working set at {large.Size:N0} = {growth:F2} x the one at {small.Size:N0} (target <= 1.20): {(growth <= 1.2 ? "met" : "MISSED")}"));
        }
        foreach (var r in rows)
            Console.WriteLine(FormattableString.Invariant(
                $"ids compared/s at {r.Size:N0} = {r.CompareRate / r.RunRate:F1} x a sync run's entries/s (target >= 2): {(r.CompareRate >= 2 * r.RunRate ? "met" : "MISSED")}; {r.CompareRate / r.ScanRate:F2} x its scan alone"));
        Console.WriteLine(correct ? "OK: every planted difference was found, nothing else" : "FAILED: the differences found are not the ones planted (see above)");
        return correct ? 0 : 1;
    }

    private sealed record Row(int Size, long Planted, long Found, bool Correct, double CompareSeconds, double CompareRate, string Method, double PeakMb, double RunRate, double ScanRate);

    private static async Task<Row> BenchAsync(int size, double fraction)
    {
        Console.WriteLine();
        Console.WriteLine($"== {size:N0} ids per side");
        await using var cassandraNode = await CassandraEmulator.StartAsync(new CassandraEmulatorOptions { Port = 0 });
        await using var elasticsearchNode = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0 });
        var cluster = new CqlClusterOptions();
        cluster.ContactPoints.Add($"127.0.0.1:{cassandraNode.EndPoint.Port}");
        await using var cql = await CqlSession.ConnectAsync(cluster);
        await cql.ExecuteAsync($"CREATE KEYSPACE {Keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        await cql.ExecuteAsync($"CREATE TABLE {Keyspace}.{Table} (id uuid, tmstmp timeuuid, name text, qty int, note text, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)");
        using var http = new HttpClient { BaseAddress = elasticsearchNode.Uri };
        await SendAsync(http, HttpMethod.Put, $"/{Keyspace}-{Table}",
            "{\"settings\":{\"refresh_interval\":\"-1\"},\"mappings\":{\"properties\":{\"id\":{\"type\":\"keyword\"},\"tmstmp\":{\"type\":\"date\",\"format\":\"strict_date_optional_time||epoch_millis\"}," +
            "\"name\":{\"type\":\"text\"},\"qty\":{\"type\":\"long\"},\"note\":{\"type\":\"text\"}}},\"aliases\":{\"" + Keyspace + "\":{}}}");

        var perKind = Math.Max(1, (int)(size * fraction / 4));
        var clock = Stopwatch.StartNew();
        var (cassandraVersions, documents) = Generate(size, perKind);
        await Task.WhenAll(LoadCassandraAsync(cql, cassandraVersions), LoadElasticsearchAsync(http, documents));
        await SendAsync(http, HttpMethod.Post, $"/{Keyspace}-{Table}/_refresh", null);
        Console.WriteLine($"loaded {cassandraVersions.Count:N0} Cassandra rows and {documents.Count:N0} documents in {clock.Elapsed.TotalSeconds:F1} s");

        // Each measurement three times, interleaved, and the best kept: the machine is shared, and a pause of
        // someone else's must not pass for the speed of either. Peak working set: the largest of the three.
        var endpoints = new[] { "--cql-port", cassandraNode.EndPoint.Port.ToString(CultureInfo.InvariantCulture), "--es", elasticsearchNode.Uri.ToString() };
        Figures? compare = null, scan = null, versions = null, run = null;
        var peakMb = 0.0;
        var everyAttemptCorrect = true;
        bool Correct(Figures f) => f.Long("differences") == 4L * perKind
            && f.Long("missingInElasticsearch") == perKind && f.Long("missingInCassandra") == perKind
            && f.Long("elasticsearchOlder") == perKind && f.Long("cassandraOlder") == perKind
            && f.Long("cassandraIds") == size && f.Long("elasticsearchIds") == size;
        // One unmeasured round first: the emulators fill their per-document caches (a real cluster keeps doc values on
        // disk) and compile their hot paths, for both kinds of reads alike.
        foreach (var warmUp in new[] { "compare", "scan" }) await RunChildAsync(warmUp, endpoints);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var c = await RunChildAsync("compare", endpoints);
            peakMb = Math.Max(peakMb, c.Double("peakMb"));
            everyAttemptCorrect &= Correct(c);
            Console.WriteLine(FormattableString.Invariant(
                $"  compare attempt {attempt + 1}: {c.Double("seconds"):F1} s, peak working set {c.Double("peakMb"):F0} MB, managed heap up to {c.Double("heapMb"):F0} MB (large objects {c.Double("lohMb"):F0} MB, committed {c.Double("committedMb"):F0} MB), {c.Double("allocatedMb"):F0} MB allocated, {c.Long("gen2")} gen2 collections, live after {c.Double("liveMb"):F1} MB"));
            if (compare is null || c.Double("seconds") < compare.Double("seconds")) compare = c;
            var s = await RunChildAsync("scan", endpoints);
            if (scan is null || s.Double("cassandraSeconds") + s.Double("elasticsearchSeconds") < scan.Double("cassandraSeconds") + scan.Double("elasticsearchSeconds")) scan = s;
            var v = await RunChildAsync("versions", endpoints);
            if (versions is null || v.Double("cassandraSeconds") + v.Double("elasticsearchSeconds") < versions.Double("cassandraSeconds") + versions.Double("elasticsearchSeconds")) versions = v;
            var r = await RunChildAsync("run", endpoints);
            if (run is null || r.Double("runSeconds") < run.Double("runSeconds")) run = r;
        }

        var best = compare!;
        var bestScan = scan!;
        var bestVersions = versions!;
        var bestRun = run!;
        var runRate = bestRun.Long("runEntries") / bestRun.Double("runSeconds");
        var planted = 4L * perKind;
        var found = best.Long("differences");
        var correct = everyAttemptCorrect;
        var seconds = best.Double("seconds");
        var compareRate = (best.Long("cassandraIds") + best.Long("elasticsearchIds")) / seconds;
        var scanRate = (bestScan.Long("cassandraEntries") + bestScan.Long("elasticsearchEntries")) / (bestScan.Double("cassandraSeconds") + bestScan.Double("elasticsearchSeconds"));
        var rounds = best.Long("rounds");
        Console.WriteLine(FormattableString.Invariant(
            $"compare (best of {Attempts}): {seconds:F1} s, {compareRate:N0} ids/s over both sides ({size / seconds:N0} per side), {found:N0} differences, peak working set {peakMb:F0} MB (largest of {Attempts})"));
        Console.WriteLine(FormattableString.Invariant(
            $"run scan (best of {Attempts}): Cassandra {bestScan.Long("cassandraEntries"):N0} entries in {bestScan.Double("cassandraSeconds"):F1} s, Elasticsearch {bestScan.Long("elasticsearchEntries"):N0} in {bestScan.Double("elasticsearchSeconds"):F1} s = {scanRate:N0} entries/s"));
        Console.WriteLine(FormattableString.Invariant(
            $"version scans alone (best of {Attempts}): Cassandra {bestVersions.Long("cassandraIds"):N0} ids in {bestVersions.Double("cassandraSeconds"):F1} s, Elasticsearch {bestVersions.Long("elasticsearchIds"):N0} in {bestVersions.Double("elasticsearchSeconds"):F1} s"));
        Console.WriteLine(FormattableString.Invariant(
            $"sync run, both ways, -WhatIf (best of {Attempts}): {bestRun.Long("runEntries"):N0} entries in {bestRun.Double("runSeconds"):F1} s = {runRate:N0} entries/s"));
        return new Row(size, planted, found, correct, seconds, compareRate, rounds == 0 ? "one pass" : $"{rounds} rounds", peakMb, runRate, scanRate);
    }

    /// <summary>
    /// size - perKind shared ids (perKind of them older in Elasticsearch, perKind older in Cassandra), perKind only in
    /// Cassandra, perKind only in Elasticsearch: size ids per side. One Cassandra id in ten has an older version too.
    /// </summary>
    private static (List<(Guid Id, DateTime Tmstmp)> Cassandra, List<(Guid Id, DateTime Tmstmp)> Elasticsearch) Generate(int size, int perKind)
    {
        var random = new Random(size);
        var cassandra = new List<(Guid, DateTime)>(size + size / 10);
        var elasticsearch = new List<(Guid, DateTime)>(size);
        var shared = size - perKind;
        for (var i = 0; i < shared + 2 * perKind; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var id = new Guid(bytes);
            var at = T0.AddMilliseconds(random.NextInt64(0, 30L * 24 * 3600 * 1000));
            var inCassandra = i < shared + perKind;
            var inElasticsearch = i < shared || i >= shared + perKind;
            if (inCassandra)
            {
                cassandra.Add((id, at.AddTicks(random.Next(0, 10_000))));
                if (random.Next(10) == 0) cassandra.Add((id, at.AddHours(-1)));
            }
            if (inElasticsearch)
            {
                var delta = i < shared - 2 * perKind || i >= shared ? 0 : i < shared - perKind ? -1 - random.Next(1000) : 1 + random.Next(1000);
                elasticsearch.Add((id, at.AddMilliseconds(delta)));
            }
        }
        return (cassandra, elasticsearch);
    }

    private static async Task LoadCassandraAsync(CqlSession cql, List<(Guid Id, DateTime Tmstmp)> versions)
    {
        var insert = await cql.PrepareAsync($"INSERT INTO {Keyspace}.{Table} (id, tmstmp, name, qty, note) VALUES (?, ?, ?, ?, ?)");
        using var gate = new SemaphoreSlim(256);
        var node = new byte[] { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab };
        var pending = new List<Task>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var (id, tmstmp) = versions[i];
            var version = TimeUuid.FromUnixTicks(tmstmp.Ticks - UnixEpochTicks, node, (ushort)(i & 0x3FFF));
            await gate.WaitAsync();
            pending.Add(InsertAsync(cql, insert.Bind(id, version, "item " + i.ToString(CultureInfo.InvariantCulture), i % 1000, "a note of some length for item " + i), gate));
        }
        await Task.WhenAll(pending);
    }

    private static async Task InsertAsync(CqlSession cql, BoundStatement statement, SemaphoreSlim gate)
    {
        try
        {
            await cql.ExecuteAsync(statement);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task LoadElasticsearchAsync(HttpClient http, List<(Guid Id, DateTime Tmstmp)> documents)
    {
        for (var start = 0; start < documents.Count; start += 5000)
        {
            var body = new StringBuilder();
            for (var i = start; i < Math.Min(documents.Count, start + 5000); i++)
            {
                var (id, tmstmp) = documents[i];
                body.Append("{\"index\":{\"_index\":\"").Append(Keyspace).Append('-').Append(Table).Append("\",\"_id\":\"").Append(id).Append("\"}}\n");
                body.Append("{\"id\":\"").Append(id).Append("\",\"tmstmp\":\"").Append(tmstmp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                    .Append("\",\"name\":\"item ").Append(i).Append("\",\"qty\":").Append(i % 1000).Append(",\"note\":\"a note of some length for item ").Append(i).Append("\"}\n");
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "/_bulk") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson") };
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || text.Contains("\"errors\":true", StringComparison.Ordinal))
                throw new InvalidOperationException($"_bulk failed: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Runs this program in a child process ("measure &lt;what&gt; ...") and reads its RESULT line.</summary>
    private static async Task<Figures> RunChildAsync(string what, string[] endpoints)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(Program).Assembly.Location);
        info.ArgumentList.Add("measure");
        info.ArgumentList.Add(what);
        foreach (var argument in endpoints) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the measuring process");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null) throw new InvalidOperationException($"measuring {what} failed (exit {process.ExitCode}): {output}");
        return new Figures(line);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>key=value pairs of a RESULT line.</summary>
    private sealed class Figures
    {
        private readonly Dictionary<string, string> _values;

        public Figures(string line) => _values = line.Substring(7).Trim().Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

        public long Long(string key) => long.Parse(_values[key], CultureInfo.InvariantCulture);

        public double Double(string key) => double.Parse(_values[key], CultureInfo.InvariantCulture);
    }

    /// <summary>Writes each phase of a comparison with its time to standard error (the parent shows it).</summary>
    private sealed class PhaseLog : IComparisonObserver
    {
        private readonly Stopwatch _clock;

        public PhaseLog(Stopwatch clock) => _clock = clock;

        public void OnPhase(string message) => Console.Error.WriteLine($"  {_clock.Elapsed.TotalSeconds,6:F2} s  {message}");
        public void OnTableSkipped(TableComparison table) => OnPhase($"{table.Table} skipped: {table.Message}");
        public void OnTableFailed(TableComparison table) => OnPhase($"{table.Table} FAILED: {table.Message}");
        public void OnEntryUnreadable(string table, string side, string sourceKey, string reason) => OnPhase($"{table}: {side} cannot read {sourceKey}: {reason}");
        public void OnProgress(ComparisonProgress progress) { }
        public Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken)
        {
            OnPhase($"{result.Table} done: {result.Differences} differences");
            return Task.CompletedTask;
        }
    }

    /// <summary>The child side: one comparison, or one scan of each side as a sync run reads it; prints one RESULT line.</summary>
    private static class Measure
    {
        public static async Task<int> RunAsync(string[] args)
        {
            var what = args[1];
            var port = int.Parse(Option(args, "--cql-port", "9042"), CultureInfo.InvariantCulture);
            var uri = new Uri(Option(args, "--es", "http://localhost:9200"));
            var cassandraOptions = new CassandraStoreOptions { Port = port, Consistency = Synced.Cql.Protocol.Consistency.One };
            cassandraOptions.ContactPoints.Add("127.0.0.1");
            var connection = new ElasticsearchConnectionOptions();
            connection.Uris.Add(uri);
            await using var cassandra = await CassandraStore.ConnectAsync(cassandraOptions, Keyspace, CancellationToken.None);
            await using var elasticsearch = await ElasticsearchStore.ConnectAsync(connection, new ElasticsearchStoreOptions { Index = Keyspace }, CancellationToken.None);
            var result = new StringBuilder("RESULT");
            void Put(string key, IFormattable value) => result.Append(' ').Append(key).Append('=').Append(value.ToString(null, CultureInfo.InvariantCulture));

            // Samples the managed heap (and its large-object part) while the measurement runs.
            long peakHeap = 0, peakLoh = 0, peakCommitted = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    var info = GC.GetGCMemoryInfo();
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    peakLoh = Math.Max(peakLoh, info.GenerationInfo.Length > 3 ? info.GenerationInfo[3].SizeAfterBytes : 0);
                    peakCommitted = Math.Max(peakCommitted, info.TotalCommittedBytes);
                    try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            if (what == "compare")
            {
                var clock = Stopwatch.StartNew();
                var comparison = await new DataComparer(new ComparisonOptions()).CompareAsync(cassandra, elasticsearch, new PhaseLog(clock), CancellationToken.None);
                clock.Stop();
                var table = comparison.Tables.Single(t => t.Table == Table);
                Put("seconds", clock.Elapsed.TotalSeconds);
                Put("cassandraIds", table.CassandraIds);
                Put("elasticsearchIds", table.ElasticsearchIds);
                Put("differences", table.Differences);
                Put("missingInElasticsearch", table.MissingInElasticsearch);
                Put("missingInCassandra", table.MissingInCassandra);
                Put("elasticsearchOlder", table.ElasticsearchOlder);
                Put("cassandraOlder", table.CassandraOlder);
                Put("rounds", table.BucketRounds);
                Put("liveMb", GC.GetTotalMemory(true) / (1024.0 * 1024.0));
            }
            else if (what == "versions")
            {
                // Each side's version scan alone (what a comparison reads), one after the other.
                foreach (var (store, name) in new (Synced.Core.Stores.ISyncStore, string)[] { (cassandra, "cassandra"), (elasticsearch, "elasticsearch") })
                {
                    var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == Table);
                    var clock = Stopwatch.StartNew();
                    long ids = 0;
                    await foreach (var _ in store.ReadVersionsAsync(table, VersionScan.All, CancellationToken.None)) ids++;
                    Put(name + "Ids", ids);
                    Put(name + "Seconds", clock.Elapsed.TotalSeconds);
                }
            }
            else if (what == "run")
            {
                // A whole sync run over everything, both ways, as -WhatIf: it reads every entry and asks the other side
                // for its version, writing nothing (so the data stays as planted).
                var state = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "synced-compare-bench-" + Guid.NewGuid().ToString("N"))).FullName;
                try
                {
                    var runner = new SyncRunner(new CheckpointStore(state));
                    var request = new SyncRequest(new SyncConfiguration(Keyspace, Keyspace)) { NoCheckpoint = true, DryRun = true };
                    var run = await runner.RunAsync(request, cassandra, elasticsearch, null, CancellationToken.None);
                    Put("runEntries", run.Tables.Sum(t => t.Read));
                    Put("runSeconds", run.Duration.TotalSeconds);
                }
                finally
                {
                    try { Directory.Delete(state, recursive: true); } catch (IOException) { }
                }
            }
            else
            {
                // What a sync run's scan reads: every entry of the range with all its values, one side after the other.
                var range = new TimeRange(UtcTime.Epoch, DateTime.UtcNow.AddDays(1));
                foreach (var (store, name) in new (Synced.Core.Stores.ISyncStore, string)[] { (cassandra, "cassandra"), (elasticsearch, "elasticsearch") })
                {
                    var table = (await store.ListTablesAsync(CancellationToken.None)).Single(t => t.Name == Table);
                    var clock = Stopwatch.StartNew();
                    long entries = 0;
                    await foreach (var _ in store.ReadAsync(table, range, CancellationToken.None)) entries++;
                    Put(name + "Entries", entries);
                    Put(name + "Seconds", clock.Elapsed.TotalSeconds);
                }
            }
            sampling.Cancel();
            await sampler;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Put("peakMb", self.PeakWorkingSet64 / (1024.0 * 1024.0));
            Put("heapMb", peakHeap / (1024.0 * 1024.0));
            Put("lohMb", peakLoh / (1024.0 * 1024.0));
            Put("committedMb", peakCommitted / (1024.0 * 1024.0));
            Put("allocatedMb", GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0));
            Put("gen2", GC.CollectionCount(2));
            Console.WriteLine(result.ToString());
            return 0;
        }
    }
}
