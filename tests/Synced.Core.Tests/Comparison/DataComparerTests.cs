using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Xunit;

namespace Synced.Core.Tests.Comparison;

/// <summary>The comparison algorithm over list stores: exact on every path, bounded, and honest about what it skipped.</summary>
public sealed class DataComparerTests
{
    private static readonly DateTime T0 = PlantedTable.T0;

    private static async Task<(ComparisonResult Result, RecordingObserver Observer)> CompareAsync(ComparisonFixture fixture, ComparisonOptions? options = null)
    {
        var observer = new RecordingObserver();
        var result = await new DataComparer(options ?? new ComparisonOptions()).CompareAsync(fixture.Cassandra, fixture.Elasticsearch, observer, CancellationToken.None);
        return (result, observer);
    }

    /// <summary>Asserts that exactly the expected ids were reported, each once and with the expected kind and tmstmps.</summary>
    private static void AssertExactly(Dictionary<Guid, Difference> expected, RecordingObserver observer)
    {
        var found = observer.ById();
        var missed = expected.Keys.Except(found.Keys).Take(5).ToList();
        var extra = found.Keys.Except(expected.Keys).Take(5).ToList();
        Assert.True(missed.Count == 0 && extra.Count == 0,
            $"expected {expected.Count}, found {found.Count}; missed {string.Join(", ", missed.Select(id => expected[id]))}; extra {string.Join(", ", extra.Select(id => found[id]))}");
        foreach (var (id, want) in expected)
        {
            var got = found[id];
            Assert.Equal((want.Kind, want.CassandraTmstmp, want.ElasticsearchTmstmp), (got.Kind, got.CassandraTmstmp, got.ElasticsearchTmstmp));
        }
    }

    [Fact]
    public async Task Each_kind_of_difference_is_reported_once_and_equal_milliseconds_are_not_a_difference()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("users");
        Guid onlyCassandra = Guid.NewGuid(), onlyElasticsearch = Guid.NewGuid(), esOlder = Guid.NewGuid(), cassandraOlder = Guid.NewGuid(), same = Guid.NewGuid();
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", onlyCassandra, T0.AddTicks(1234)));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", onlyCassandra, T0.AddMinutes(1).AddTicks(5678))); // two versions, one id
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", onlyElasticsearch, T0.AddMinutes(2)));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", esOlder, T0.AddMinutes(3).AddTicks(10)));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", esOlder, T0.AddMinutes(3).AddMilliseconds(-1)));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", cassandraOlder, T0.AddMinutes(4).AddTicks(9_999)));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", cassandraOlder, T0.AddMinutes(4).AddMilliseconds(1)));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", same, T0.AddMinutes(5).AddTicks(4_321)));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", same, T0.AddMinutes(5)));

        var (result, observer) = await CompareAsync(fixture);

        var found = observer.ById();
        Assert.Equal(4, found.Count);
        Assert.Equal(DifferenceKind.MissingInElasticsearch, found[onlyCassandra].Kind);
        Assert.Equal(T0.AddMinutes(1), found[onlyCassandra].CassandraTmstmp); // the newest version, in whole milliseconds
        Assert.Null(found[onlyCassandra].ElasticsearchTmstmp);
        Assert.Equal(DifferenceKind.MissingInCassandra, found[onlyElasticsearch].Kind);
        Assert.Equal(DifferenceKind.ElasticsearchOlder, found[esOlder].Kind);
        Assert.Equal((T0.AddMinutes(3), T0.AddMinutes(3).AddMilliseconds(-1)), (found[esOlder].CassandraTmstmp!.Value, found[esOlder].ElasticsearchTmstmp!.Value));
        Assert.Equal(DifferenceKind.CassandraOlder, found[cassandraOlder].Kind);
        var table = Assert.Single(result.Tables);
        Assert.Equal(TableComparisonStatus.Compared, table.Status);
        Assert.Equal((4L, 4L, 1L, 1L, 1L, 1L), (table.CassandraIds, table.ElasticsearchIds, table.MissingInElasticsearch, table.MissingInCassandra, table.ElasticsearchOlder, table.CassandraOlder));
        Assert.Equal(0, table.BucketRounds);
        Assert.True(result.Complete);
        Assert.Same(table, Assert.Single(observer.Done));
    }

    [Fact]
    public async Task Identical_sides_report_nothing_and_read_each_side_once()
    {
        var planted = PlantedTable.Create("users", common: 5_000, perKind: 0, seed: 1);
        var fixture = new ComparisonFixture().Load(planted);

        var (result, observer) = await CompareAsync(fixture);

        Assert.Empty(observer.Differences);
        Assert.Equal(5_000, result.Tables[0].CassandraIds);
        Assert.Equal(5_000, result.Tables[0].ElasticsearchIds);
        Assert.Equal((1, 1), (fixture.Cassandra.VersionScans, fixture.Elasticsearch.VersionScans));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Differences_that_fit_the_digest_come_out_of_one_pass_over_each_side_exactly(int seed)
    {
        var planted = PlantedTable.Create("users", common: 20_000, perKind: 200, seed: seed);
        var fixture = new ComparisonFixture().Load(planted);

        var (result, observer) = await CompareAsync(fixture);

        AssertExactly(planted.Expected(), observer);
        Assert.Equal(0, result.Tables[0].BucketRounds);
        Assert.Equal(0, result.Tables[0].MaxIdsHeld);
        Assert.Equal((1, 1), (fixture.Cassandra.VersionScans, fixture.Elasticsearch.VersionScans));
    }

    [Theory]
    [InlineData(4, 1_000)]
    [InlineData(5, 300)]
    [InlineData(6, 100_000)]
    public async Task More_differences_than_the_digest_holds_are_found_exactly_by_re_reading_the_differing_buckets_in_rounds(int seed, int maxIdsHeld)
    {
        var planted = PlantedTable.Create("users", common: 20_000, perKind: 500, seed: seed);
        var fixture = new ComparisonFixture().Load(planted);
        var options = new ComparisonOptions { DigestCells = 300, MaxIdsHeld = maxIdsHeld, BucketBits = 10 };

        var (result, observer) = await CompareAsync(fixture, options);

        AssertExactly(planted.Expected(), observer);
        var table = result.Tables[0];
        Assert.True(table.BucketRounds >= 1);
        Assert.InRange(table.MaxIdsHeld, 1, Math.Max(maxIdsHeld, 40)); // a round takes at least one whole bucket (~20 ids here)
        Assert.Equal(1 + table.BucketRounds, fixture.Cassandra.VersionScans);
        Assert.Equal(table.BucketRounds, fixture.Cassandra.TokenScans);
        if (maxIdsHeld >= 100_000) Assert.Equal(1, table.BucketRounds);
        else Assert.True(table.BucketRounds > 1, $"{table.BucketRounds} rounds");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_a_range_an_id_differs_when_either_side_has_its_newest_version_in_it(bool forceRounds)
    {
        // Tmstmps spread over a day; the range takes the middle third, so many ids are in range on one side only.
        var planted = PlantedTable.Create("users", common: 6_000, perKind: 400, seed: 7, spread: TimeSpan.FromDays(1), olderBy: TimeSpan.FromHours(6));
        var fixture = new ComparisonFixture().Load(planted);
        var begin = T0.AddHours(8).AddTicks(5); // not on a millisecond: the millisecond of a version decides
        var end = T0.AddHours(16);
        var options = new ComparisonOptions { Begin = begin, End = end };
        if (forceRounds) { options.DigestCells = 60; options.MaxIdsHeld = 500; options.BucketBits = 8; }

        var (result, observer) = await CompareAsync(fixture, options);

        var expected = planted.Expected(begin, end);
        Assert.True(expected.Count > 500 && expected.Count < planted.Expected().Count);
        Assert.Contains(expected.Values, d => d.CassandraTmstmp < begin || d.CassandraTmstmp >= end || d.ElasticsearchTmstmp < begin || d.ElasticsearchTmstmp >= end);
        AssertExactly(expected, observer);
        Assert.Equal(forceRounds, result.Tables[0].BucketRounds > 0);
    }

    [Fact]
    public async Task An_id_outside_the_range_on_both_sides_is_not_reported_even_when_the_sides_differ()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("users");
        var before = Guid.NewGuid();
        var after = Guid.NewGuid();
        var newerOutside = Guid.NewGuid();
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", before, T0.AddHours(-2)));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", after, T0.AddHours(2)));
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", newerOutside, T0.AddMinutes(30)));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("users", newerOutside, T0.AddHours(3))); // Elasticsearch's newest lies after the end

        var (_, observer) = await CompareAsync(fixture, new ComparisonOptions { Begin = T0, End = T0.AddHours(1) });

        var only = Assert.Single(observer.Differences);
        Assert.Equal(newerOutside, only.Id);
        Assert.Equal(DifferenceKind.CassandraOlder, only.Kind);
        Assert.Equal(T0.AddHours(3), only.ElasticsearchTmstmp);
    }

    [Fact]
    public async Task Tables_on_one_side_only_or_breaking_the_contract_are_skipped_with_the_reason_and_the_others_compared()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users").AddTable("orders");
        fixture.Elasticsearch.AddTable("users").AddTable("products");
        fixture.Cassandra.BreakContract("legacy", "primary key is ((k)), not ((id), tmstmp)");
        fixture.Elasticsearch.AddTable("legacy");
        fixture.Cassandra.Put(ComparisonFixture.Entry("users", Guid.NewGuid(), T0));

        var (result, observer) = await CompareAsync(fixture);

        Assert.Equal(new[] { "legacy", "orders", "products", "users" }, result.Tables.Select(t => t.Table));
        Assert.Equal(new[] { TableComparisonStatus.Skipped, TableComparisonStatus.Skipped, TableComparisonStatus.Skipped, TableComparisonStatus.Compared },
            result.Tables.Select(t => t.Status));
        Assert.Contains("data contract", result.Tables[0].Message);
        Assert.Contains("only in Cassandra", result.Tables[1].Message);
        Assert.Contains("a run that creates missing tables creates it in Cassandra", result.Tables[2].Message);
        Assert.Equal(new[] { false, true, true, false }, result.Tables.Select(t => t.OnOneSideOnly));
        Assert.Equal(3, observer.Skipped.Count);
        Assert.Single(observer.Differences);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task A_table_pattern_that_matches_nothing_is_an_error_naming_the_tables_that_exist()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("orders");

        var error = await Assert.ThrowsAsync<TableNotFoundException>(() =>
            CompareAsync(fixture, new ComparisonOptions { Tables = new TableSelection(new[] { "users", "nosuch*" }, null) }));

        Assert.Equal(new[] { "nosuch*" }, error.Patterns);
        Assert.Contains("orders, users", error.Message);
        Assert.Equal(0, fixture.Cassandra.VersionScans);
    }

    [Fact]
    public async Task A_side_that_fails_fails_its_table_with_the_reason_and_the_next_table_is_still_compared()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("a").AddTable("b");
        fixture.Elasticsearch.AddTable("a").AddTable("b");
        var id = Guid.NewGuid();
        fixture.Cassandra.Put(ComparisonFixture.Entry("a", Guid.NewGuid(), T0));
        fixture.Cassandra.Put(ComparisonFixture.Entry("b", id, T0));
        fixture.Elasticsearch.Put(ComparisonFixture.Entry("a", Guid.NewGuid(), T0));
        var failOnce = 1;
        fixture.Elasticsearch.OnReadVersion = _ =>
        {
            if (Interlocked.Exchange(ref failOnce, 0) == 1) throw new InvalidOperationException("shard 3 is gone");
        };

        var (result, observer) = await CompareAsync(fixture);

        Assert.Equal(TableComparisonStatus.Failed, result.Tables[0].Status);
        Assert.Contains("shard 3 is gone", result.Tables[0].Message);
        Assert.Equal(("a", result.Tables[0].Message), Assert.Single(observer.Failed));
        Assert.Equal(TableComparisonStatus.Compared, result.Tables[1].Status);
        Assert.Equal(id, Assert.Single(observer.Differences).Id);
        Assert.False(result.Complete);
    }

    [Fact]
    public async Task Entries_a_side_cannot_read_are_reported_and_counted_and_make_the_comparison_incomplete()
    {
        var fixture = new ComparisonFixture();
        fixture.Cassandra.AddTable("users");
        fixture.Elasticsearch.AddTable("users");
        fixture.Elasticsearch.Unreadable.Add(SyncEntry.Unreadable("users", "app-users/not-a-uuid", null, "it has no UUID id"));

        var (result, observer) = await CompareAsync(fixture);

        Assert.Equal(("users", "Elasticsearch", "app-users/not-a-uuid", "it has no UUID id"), Assert.Single(observer.Unreadable));
        Assert.Equal(1, result.Tables[0].Unreadable);
        Assert.Empty(observer.Differences);
        Assert.False(result.Complete);
    }

    [Fact]
    public async Task Cancellation_stops_the_comparison()
    {
        var planted = PlantedTable.Create("users", common: 2_000, perKind: 10, seed: 8);
        var fixture = new ComparisonFixture().Load(planted);
        using var cancel = new CancellationTokenSource();
        var read = 0;
        fixture.Cassandra.OnReadVersion = _ => { if (++read == 100) cancel.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DataComparer(new ComparisonOptions()).CompareAsync(fixture.Cassandra, fixture.Elasticsearch, null, cancel.Token));
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_up_front()
    {
        Assert.Throws<ArgumentException>(() => new DataComparer(new ComparisonOptions { Begin = T0, End = T0 }));
        Assert.Throws<ArgumentException>(() => new DataComparer(new ComparisonOptions { MaxIdsHeld = 0 }));
        Assert.Throws<ArgumentException>(() => new DataComparer(new ComparisonOptions { DigestCells = 3 }));
        Assert.Throws<ArgumentException>(() => new DataComparer(new ComparisonOptions { Begin = DateTime.SpecifyKind(T0, DateTimeKind.Local) }));
    }
}
