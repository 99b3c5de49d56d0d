using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>Repairs over list stores: the newer side's version lands on the other, through upsert-if-newer only.</summary>
public sealed class DataRepairerTests
{
    private static readonly DateTime T0 = PlantedTable.T0;

    private static DataRepairer Repairer(ComparisonFixture fixture, RecordingObserver observer, bool dryRun = false, int batchSize = RepairOptions.DefaultBatchSize)
        => new(fixture.Cassandra, fixture.Elasticsearch, new RepairOptions { DryRun = dryRun, BatchSize = batchSize }, observer);

    private static async Task<RecordingObserver> CompareAsync(ComparisonFixture fixture)
    {
        var observer = new RecordingObserver();
        await new DataComparer(new ComparisonOptions()).CompareAsync(fixture.Cassandra, fixture.Elasticsearch, observer, CancellationToken.None);
        return observer;
    }

    [Fact]
    public async Task Every_kind_is_repaired_from_the_newer_side_and_a_second_comparison_finds_nothing()
    {
        var planted = PlantedTable.Create("users", common: 3_000, perKind: 50, seed: 11);
        var fixture = new ComparisonFixture().Load(planted);
        var found = await CompareAsync(fixture);
        var observer = new RecordingObserver();
        var repairer = Repairer(fixture, observer, batchSize: 37);

        await repairer.RepairAsync(found.Differences, CancellationToken.None);

        Assert.Empty(observer.EntryFailures);
        var toElasticsearch = repairer.Results.Single(r => r.Direction == SyncDirection.CassandraToElasticsearch);
        var toCassandra = repairer.Results.Single(r => r.Direction == SyncDirection.ElasticsearchToCassandra);
        Assert.Equal((100L, 100L, 100L, 0L), (toElasticsearch.Differences, toElasticsearch.Read, toElasticsearch.Written, toElasticsearch.Failed));
        Assert.Equal((100L, 100L, 100L, 0L), (toCassandra.Differences, toCassandra.Read, toCassandra.Written, toCassandra.Failed));
        Assert.Empty((await CompareAsync(fixture)).Differences);
        foreach (var (id, difference) in planted.Expected())
        {
            var newest = difference.Kind is DifferenceKind.MissingInElasticsearch or DifferenceKind.ElasticsearchOlder
                ? fixture.Cassandra.Newest("users", id)!.Tmstmp
                : fixture.Elasticsearch.Newest("users", id)!.Tmstmp;
            Assert.Equal(TruncateMs(newest), TruncateMs(fixture.Elasticsearch.Newest("users", id)!.Tmstmp));
            Assert.Equal(TruncateMs(newest), TruncateMs(fixture.Cassandra.Newest("users", id)!.Tmstmp));
        }
    }

    private static DateTime TruncateMs(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    [Fact]
    public async Task A_version_written_to_the_older_side_after_the_comparison_is_never_overwritten()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("users");
        var id = Guid.NewGuid();
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", id, T0.AddMinutes(1), "cassandra"));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", id, T0, "old"));
        var found = await CompareAsync(fixture);
        // Meanwhile a writer puts a newer version into Elasticsearch.
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", id, T0.AddMinutes(2), "newest"));
        var observer = new RecordingObserver();
        var repairer = Repairer(fixture, observer);

        await repairer.RepairAsync(found.Differences, CancellationToken.None);

        Assert.Equal(DifferenceKind.ElasticsearchOlder, Assert.Single(found.Differences).Kind);
        Assert.Equal(1, repairer.Results.Single().SkippedNotNewer);
        Assert.Equal("newest", fixture.Elasticsearch.Newest("users", id)!.Fields["name"]);
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_be_written_and_writes_nothing()
    {
        var planted = PlantedTable.Create("users", common: 500, perKind: 5, seed: 12);
        var fixture = new ComparisonFixture().Load(planted);
        var found = await CompareAsync(fixture);
        var repairer = Repairer(fixture, new RecordingObserver(), dryRun: true);

        await repairer.RepairAsync(found.Differences, CancellationToken.None);

        Assert.Equal(20, repairer.Results.Sum(r => r.WouldWrite));
        Assert.Equal(0, repairer.Results.Sum(r => r.Written));
        Assert.Equal(20, (await CompareAsync(fixture)).Differences.Count);
    }

    [Fact]
    public async Task A_difference_whose_newer_side_no_longer_holds_the_id_fails_with_the_reason()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("users");
        var gone = new Difference("users", Guid.NewGuid(), T0, null, DifferenceKind.MissingInElasticsearch);
        var observer = new RecordingObserver();
        var repairer = Repairer(fixture, observer);

        await repairer.RepairAsync(new[] { gone }, CancellationToken.None);

        Assert.Equal(1, repairer.FailureCount);
        var failure = Assert.Single(observer.EntryFailures);
        Assert.Equal((gone.Id, SyncDirection.CassandraToElasticsearch, T0), (failure.Id, failure.Direction, failure.Tmstmp));
        Assert.Contains("no longer holds it", failure.Reason);
        Assert.Null(fixture.Elasticsearch.Newest("users", gone.Id));
    }

    [Fact]
    public async Task Entries_the_target_refuses_and_tables_it_lacks_fail_one_by_one_and_the_rest_is_written()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users").AddTable("orders");
        fixture.Elasticsearch.AddTable("users");
        Guid good = Guid.NewGuid(), refused = Guid.NewGuid(), order = Guid.NewGuid();
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", good, T0));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", refused, T0));
        fixture.Cassandra.Put(ComparisonFixture.Entry("orders", order, T0));
        fixture.Elasticsearch.FailWhen = e => e.Id == refused ? "field 'name' cannot be indexed" : null;
        var observer = new RecordingObserver();
        var repairer = Repairer(fixture, observer);

        await repairer.RepairAsync(new[]
        {
            new Difference("users", good, T0, null, DifferenceKind.MissingInElasticsearch),
            new Difference("users", refused, T0, null, DifferenceKind.MissingInElasticsearch),
            new Difference("orders", order, T0, null, DifferenceKind.MissingInElasticsearch),
        }, CancellationToken.None);

        Assert.NotNull(fixture.Elasticsearch.Newest("users", good));
        Assert.Equal(2, repairer.FailureCount);
        Assert.Equal(new[] { "field 'name' cannot be indexed", "Elasticsearch has no table 'orders'; a run that creates missing tables creates it" },
            observer.EntryFailures.Select(f => f.Reason).OrderBy(r => r.Length));
    }

    [Fact]
    public async Task A_comparison_repairs_while_it_runs_in_batches_and_only_what_is_approved()
    {
        var planted = PlantedTable.Create("users", common: 2_000, perKind: 40, seed: 13);
        var fixture = new ComparisonFixture().Load(planted);
        var expected = planted.Expected();
        var declined = expected.Keys.OrderBy(k => k).First();
        var repairer = Repairer(fixture, new RecordingObserver(), batchSize: 25);
        var observer = new RepairingObserver(repairer, null, (d, _) => Task.FromResult(d.Id != declined));

        await new DataComparer(new ComparisonOptions()).CompareAsync(fixture.Cassandra, fixture.Elasticsearch, observer, CancellationToken.None);

        Assert.Equal(expected.Count - 1, repairer.Results.Sum(r => r.Written));
        Assert.Equal(declined, Assert.Single((await CompareAsync(fixture)).Differences).Id);
        Assert.True(fixture.Elasticsearch.UpsertCalls + fixture.Cassandra.UpsertCalls >= (expected.Count - 1) / 25);
    }

    [Fact]
    public async Task Compare_and_repair_reports_one_result_with_the_comparison_it_repaired()
    {
        var planted = PlantedTable.Create("users", common: 500, perKind: 10, seed: 17);
        var fixture = new ComparisonFixture().Load(planted);
        var expected = planted.Expected();
        var observer = new RecordingObserver();

        var dryRun = await DataRepairer.CompareAndRepairAsync(fixture.Cassandra, fixture.Elasticsearch, new ComparisonOptions(),
            new RepairOptions { DryRun = true }, observer, observer, null, CancellationToken.None);

        Assert.Equal(Synced.Core.Engine.RunStatus.WhatIf, dryRun.Status);
        Assert.Equal((long)expected.Count, dryRun.WouldWrite);
        Assert.Equal(0, dryRun.Written);
        Assert.Equal(expected.Count, dryRun.Comparison!.Differences);

        var repaired = await DataRepairer.CompareAndRepairAsync(fixture.Cassandra, fixture.Elasticsearch, new ComparisonOptions(),
            new RepairOptions(), observer, observer, null, CancellationToken.None);

        Assert.Equal(Synced.Core.Engine.RunStatus.Succeeded, repaired.Status);
        Assert.Equal((long)expected.Count, repaired.Differences);
        Assert.Equal((long)expected.Count, repaired.Written);
        Assert.Equal(repaired.Tables.Sum(t => t.Written), repaired.Written);
        Assert.Empty((await CompareAsync(fixture)).Differences);
    }
}
