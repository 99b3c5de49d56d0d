using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Engine;
using Synced.Core.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;

namespace Synced.Core.Tests.Comparison;

/// <summary>Compare and repair through both emulators with the real stores.</summary>
[Collection(LargeDataCollection.Name)]
public sealed class CompareEndToEndTests
{
    private readonly ITestOutputHelper _output;

    public CompareEndToEndTests(ITestOutputHelper output) => _output = output;

    private static DateTime Ms(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static async Task<(ComparisonResult Result, RecordingObserver Observer)> CompareAsync(Sandbox box, ComparisonOptions? options = null)
    {
        var observer = new RecordingObserver();
        var result = await new DataComparer(options ?? new ComparisonOptions()).CompareAsync(box.Cassandra, box.Elasticsearch, observer, CancellationToken.None);
        return (result, observer);
    }

    private static async Task<Sandbox> StartWithTableAsync(string table = "users")
    {
        var box = await Sandbox.StartAsync();
        await box.CreateCassandraTableAsync(table);
        await box.CreateElasticsearchIndexAsync(table);
        return box;
    }

    [Fact]
    public async Task Compare_is_exact_on_200000_ids_per_side_with_one_percent_of_each_kind_of_difference_planted()
    {
        await using var box = await StartWithTableAsync();
        // 198,000 shared ids (2,000 of them older in Elasticsearch, 2,000 older in Cassandra) and 2,000 only on each side:
        // 200,000 ids per side.
        var planted = PlantedTable.Create("users", common: 198_000, perKind: 2_000, seed: 200, olderVersionOneIn: 50);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(
            EmulatorLoader.LoadCassandraAsync(box, "users", planted.CassandraVersions),
            EmulatorLoader.LoadElasticsearchAsync(box, "users", planted.ElasticsearchDocuments));
        _output.WriteLine($"loaded {planted.CassandraVersions.Count:N0} rows and {planted.ElasticsearchDocuments.Count:N0} documents in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();

        var (result, observer) = await CompareAsync(box);

        _output.WriteLine($"compared in {clock.Elapsed.TotalSeconds:F1} s");
        var table = Assert.Single(result.Tables);
        Assert.Equal(TableComparisonStatus.Compared, table.Status);
        Assert.Equal((200_000L, 200_000L), (table.CassandraIds, table.ElasticsearchIds));
        Assert.Equal((2_000L, 2_000L, 2_000L, 2_000L), (table.MissingInElasticsearch, table.MissingInCassandra, table.ElasticsearchOlder, table.CassandraOlder));
        var expected = planted.Expected();
        var found = observer.ById();
        Assert.Equal(8_000, expected.Count);
        Assert.Equal(expected.Keys.OrderBy(k => k), found.Keys.OrderBy(k => k));
        foreach (var (id, want) in expected)
            Assert.Equal((want.Kind, want.CassandraTmstmp, want.ElasticsearchTmstmp), (found[id].Kind, found[id].CassandraTmstmp, found[id].ElasticsearchTmstmp));
    }

    [Fact]
    public async Task The_bounded_rounds_are_exact_through_the_real_stores_too()
    {
        await using var box = await StartWithTableAsync();
        var planted = PlantedTable.Create("users", common: 4_000, perKind: 100, seed: 201);
        await EmulatorLoader.LoadCassandraAsync(box, "users", planted.CassandraVersions);
        await EmulatorLoader.LoadElasticsearchAsync(box, "users", planted.ElasticsearchDocuments);

        var (result, observer) = await CompareAsync(box, new ComparisonOptions { DigestCells = 60, MaxIdsHeld = 1_500, BucketBits = 8 });

        Assert.True(result.Tables[0].BucketRounds > 1);
        Assert.InRange(result.Tables[0].MaxIdsHeld, 1, 1_500);
        var expected = planted.Expected();
        Assert.Equal(expected.Keys.OrderBy(k => k), observer.ById().Keys.OrderBy(k => k));
    }

    [Fact]
    public async Task With_a_range_the_real_stores_find_exactly_the_ids_either_side_has_in_it_in_one_pass_or_in_rounds()
    {
        await using var box = await StartWithTableAsync();
        var planted = PlantedTable.Create("users", common: 3_000, perKind: 150, seed: 203, spread: TimeSpan.FromDays(1), olderBy: TimeSpan.FromHours(6));
        await EmulatorLoader.LoadCassandraAsync(box, "users", planted.CassandraVersions);
        await EmulatorLoader.LoadElasticsearchAsync(box, "users", planted.ElasticsearchDocuments);
        var begin = PlantedTable.T0.AddHours(8).AddTicks(3);
        var end = PlantedTable.T0.AddHours(16);
        var expected = planted.Expected(begin, end);

        var (onePass, found) = await CompareAsync(box, new ComparisonOptions { Begin = begin, End = end });
        var (rounds, foundInRounds) = await CompareAsync(box, new ComparisonOptions { Begin = begin, End = end, DigestCells = 60, MaxIdsHeld = 300, BucketBits = 8 });

        Assert.Equal(0, onePass.Tables[0].BucketRounds);
        Assert.True(rounds.Tables[0].BucketRounds > 1);
        foreach (var observer in new[] { found, foundInRounds })
        {
            var byId = observer.ById();
            Assert.Equal(expected.Keys.OrderBy(k => k), byId.Keys.OrderBy(k => k));
            foreach (var (id, want) in expected)
                Assert.Equal((want.Kind, want.CassandraTmstmp, want.ElasticsearchTmstmp), (byId[id].Kind, byId[id].CassandraTmstmp, byId[id].ElasticsearchTmstmp));
        }
    }

    [Fact]
    public async Task A_document_that_became_visible_later_than_any_overlap_is_found_by_compare_and_fixed_by_repair()
    {
        await using var box = await StartWithTableAsync();
        await box.InsertCassandraAsync("users", Guid.NewGuid(), DateTime.UtcNow.AddHours(-1), "early");
        var first = await box.RunAsync();
        Assert.Equal(RunStatus.Succeeded, first.Status);

        // A bulk loader indexes, after that run, a document whose tmstmp (the time of its change) is 30 minutes old:
        // before the checkpoint minus any overlap, so no range-based run will read it.
        var late = Guid.NewGuid();
        var changedAt = Ms(DateTime.UtcNow.AddMinutes(-30));
        await box.IndexDocumentAsync("users", late, changedAt, "late");
        await Task.Delay(5);
        var second = await box.RunAsync();
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Null(await box.NewestInCassandraAsync("users", late));

        var (_, observer) = await CompareAsync(box);

        var difference = Assert.Single(observer.Differences);
        Assert.Equal((late, DifferenceKind.MissingInCassandra, (DateTime?)null, (DateTime?)changedAt),
            (difference.Id, difference.Kind, difference.CassandraTmstmp, difference.ElasticsearchTmstmp));

        var repairer = new DataRepairer(box.Cassandra, box.Elasticsearch, new RepairOptions(), null);
        await repairer.RepairAsync(observer.Differences, CancellationToken.None);

        Assert.Equal(1, repairer.Results.Single().Written);
        Assert.Equal((changedAt, "late"), await box.NewestInCassandraAsync("users", late));
        Assert.Empty((await CompareAsync(box)).Observer.Differences);
    }

    [Fact]
    public async Task Compare_and_repair_never_write_an_older_version_over_a_newer_one_while_a_concurrent_writer_runs()
    {
        await using var box = await StartWithTableAsync();
        var planted = PlantedTable.Create("users", common: 1_500, perKind: 150, seed: 202);
        await EmulatorLoader.LoadCassandraAsync(box, "users", planted.CassandraVersions);
        await EmulatorLoader.LoadElasticsearchAsync(box, "users", planted.ElasticsearchDocuments);
        var ids = planted.CassandraVersions.Select(v => v.Id).Union(planted.ElasticsearchDocuments.Select(d => d.Id)).ToList();
        var newestEver = new ConcurrentDictionary<Guid, DateTime>();
        foreach (var (id, tmstmp) in planted.CassandraVersions.Concat(planted.ElasticsearchDocuments))
            newestEver.AddOrUpdate(id, Ms(tmstmp), (_, t) => Ms(tmstmp) > t ? Ms(tmstmp) : t);

        // An application writes newer versions of random ids to either side while compare and repair run.
        var lastWritten = new ConcurrentDictionary<(Guid Id, bool Cassandra), DateTime>();
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            var random = new Random(3);
            var clock = PlantedTable.T0.AddDays(2);
            while (!stop.IsCancellationRequested)
            {
                var id = ids[random.Next(ids.Count)];
                clock = clock.AddMilliseconds(1 + random.Next(3));
                var toCassandra = random.Next(2) == 0;
                if (toCassandra) await box.InsertCassandraAsync("users", id, clock, "writer");
                else await box.IndexDocumentAsync("users", id, clock, "writer", refresh: false);
                lastWritten[(id, toCassandra)] = clock;
                newestEver[id] = clock;
                writes++;
            }
        });

        var failures = new RecordingObserver();
        for (var pass = 0; pass < 2; pass++)
        {
            var repairer = new DataRepairer(box.Cassandra, box.Elasticsearch, new RepairOptions { BatchSize = 50 }, failures);
            await new DataComparer(new ComparisonOptions()).CompareAsync(box.Cassandra, box.Elasticsearch, new RepairingObserver(repairer, failures, null), CancellationToken.None);
            Assert.True(repairer.Results.Sum(r => r.Written) > 0);
        }
        stop.Cancel();
        await writer;
        _output.WriteLine($"{writes} concurrent writes");
        Assert.True(writes > 50, $"only {writes} concurrent writes");
        Assert.Empty(failures.EntryFailures);

        // Nothing the writer wrote was replaced by an older version.
        foreach (var ((id, cassandra), written) in lastWritten)
        {
            var held = cassandra ? (await box.NewestInCassandraAsync("users", id))!.Value.Tmstmp : (await box.DocumentAsync("users", id))!.Value.Tmstmp;
            Assert.True(Ms(held) >= written, $"{(cassandra ? "Cassandra" : "Elasticsearch")} holds {held:O} for {id}, older than the {written:O} written there");
        }

        // With the writer gone, one more compare and repair leaves every id at its newest version on both sides.
        var last = new DataRepairer(box.Cassandra, box.Elasticsearch, new RepairOptions(), failures);
        await new DataComparer(new ComparisonOptions()).CompareAsync(box.Cassandra, box.Elasticsearch, new RepairingObserver(last, failures, null), CancellationToken.None);
        Assert.Empty((await CompareAsync(box)).Observer.Differences);
        foreach (var id in ids)
        {
            Assert.Equal(newestEver[id], Ms((await box.NewestInCassandraAsync("users", id))!.Value.Tmstmp));
            Assert.Equal(newestEver[id], (await box.DocumentAsync("users", id))!.Value.Tmstmp);
        }
    }
}
