using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Elasticsearch;
using Synced.Core.Model;
using Synced.Core.Stores;
using Xunit;
using Xunit.Abstractions;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// Measures bulk upsert-if-newer throughput against the in-process emulator and prints it; asserts only that every
/// entry was written (no timing assertion: the machine is shared). Run with <c>--filter Category=Benchmark</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public class UpsertThroughputBenchmark
{
    private const int Documents = 20_000;
    private const int BatchSize = 1_000;
    private static readonly DateTime T0 = new(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly ITestOutputHelper _output;

    public UpsertThroughputBenchmark(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(ConflictMode.Compare)]
    [InlineData(ConflictMode.ExternalVersion)]
    public async Task Bulk_upsert_if_newer_throughput(ConflictMode mode)
    {
        var cluster = await EmulatedCluster.StartAsync();
        await using var _ = cluster;
        var store = await cluster.ConnectStoreAsync(new ElasticsearchStoreOptions { Index = "bench", ConflictMode = mode });
        var table = await store.CreateTableAsync(EmulatedCluster.CassandraTable("events", ("name", "text"), ("count", "int"), ("score", "double")), CancellationToken.None);
        var ids = Enumerable.Range(0, Documents).Select(_ => Guid.NewGuid()).ToArray();

        // Pass 1 creates every document; pass 2 overwrites each with a newer version (the conditional path).
        for (var pass = 0; pass < 2; pass++)
        {
            var watch = Stopwatch.StartNew();
            var written = 0;
            for (var start = 0; start < Documents; start += BatchSize)
            {
                var batch = ids.Skip(start).Take(BatchSize)
                    .Select((id, i) => EmulatedCluster.Entry("events", id, T0.AddSeconds(pass).AddMilliseconds(start + i),
                        ("name", "event " + (start + i)), ("count", start + i), ("score", (start + i) / 7.0)))
                    .ToArray();
                var outcomes = await store.UpsertIfNewerAsync(table, batch, new UpsertContext(), CancellationToken.None);
                written += outcomes.Count(o => o.Kind == UpsertOutcomeKind.Written);
            }
            watch.Stop();
            Assert.Equal(Documents, written);
            _output.WriteLine($"{mode} pass {(pass == 0 ? "create" : "overwrite newer")}: {Documents} documents in batches of {BatchSize}: " +
                $"{watch.Elapsed.TotalSeconds:F2} s, {Documents / watch.Elapsed.TotalSeconds:F0} documents/s");
        }

        var scan = Stopwatch.StartNew();
        var read = 0;
        await foreach (var entry in store.ReadAsync(table, new global::Synced.Core.Time.TimeRange(T0, T0.AddMinutes(1)), CancellationToken.None)) read++;
        scan.Stop();
        Assert.Equal(Documents, read);
        _output.WriteLine($"{mode} scan: {read} entries in pages of 1000: {scan.Elapsed.TotalSeconds:F2} s, {read / scan.Elapsed.TotalSeconds:F0} entries/s");
    }
}
