using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Time;
using Synced.Cql.Tokens;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ScanTests
{
    private static readonly DateTime Begin = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2015, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>A timeuuid of exactly this tick with a random clock sequence and node, as a real writer's now() gives.</summary>
    private static Guid RandomTimeUuid(DateTime instant)
    {
        var node = Guid.NewGuid().ToByteArray().Take(6).ToArray();
        return TimeUuid.FromUnixTicks(instant.Ticks - UnixEpochTicks, node, (ushort)Random.Shared.Next(0, 0x4000));
    }

    private static Task InsertAsync(CassandraNode node, string table, Guid id, DateTime tmstmp, string name)
        => node.Admin.ExecuteAsync($"INSERT INTO ks.{table} (id, tmstmp, name) VALUES (?, ?, ?)", id, RandomTimeUuid(tmstmp), name);

    [Fact]
    public async Task The_range_includes_its_begin_tick_and_excludes_its_end_tick_at_100ns_precision()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        // Begin and end with sub-millisecond ticks, so a millisecond bound would get them wrong.
        var begin = Begin.AddTicks(12_345);
        var end = End.AddTicks(6_789);
        var cases = new (DateTime At, bool Inside)[]
        {
            (begin.AddTicks(-1), false),
            (begin, true),
            (begin.AddTicks(1), true),
            (begin.AddTicks(-12_345), false), // same millisecond as begin, before it
            (end.AddTicks(-1), true),
            (end, false),
            (end.AddTicks(-6_789), true), // same millisecond as end, before it
            (end.AddTicks(1), false),
        };
        var expected = new HashSet<Guid>();
        foreach (var (at, inside) in cases)
        {
            var id = Guid.NewGuid();
            await InsertAsync(node, "t", id, at, at.Ticks.ToString(CultureInfo.InvariantCulture));
            if (inside) expected.Add(id);
        }

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(begin, end));

        Assert.Equal(expected.OrderBy(g => g), entries.Select(e => e.Id).OrderBy(g => g));
        foreach (var entry in entries) Assert.Equal(entry.Tmstmp.Ticks.ToString(CultureInfo.InvariantCulture), entry.Fields["name"]);
    }

    [Fact]
    public async Task Entries_read_from_a_table_share_one_layout_of_every_column_but_id_and_tmstmp()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.ScanSplits = 1);
        await node.CreateContractTableAsync("t", "name text, qty int");
        for (var i = 0; i < 5; i++)
            await node.Admin.ExecuteAsync("INSERT INTO ks.t (id, tmstmp, name, qty) VALUES (?, ?, ?, ?)", Guid.NewGuid(), RandomTimeUuid(Begin.AddDays(1)), "n" + i, i);

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, End));

        Assert.Equal(5, entries.Count);
        var layouts = entries.Select(e => Assert.IsType<Synced.Core.Model.EntryFields>(e.Fields).Layout).Distinct().ToList();
        var layout = Assert.Single(layouts);
        Assert.Equal(new[] { "name", "qty" }, Enumerable.Range(0, layout.Count).Select(i => layout[i]).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal("n" + e.Fields["qty"], e.Fields["name"]));
    }

    [Fact]
    public async Task Every_version_of_an_id_in_the_range_is_read_with_its_exact_tick()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var id = Guid.NewGuid();
        var versions = new[] { Begin.AddTicks(1), Begin.AddDays(3).AddTicks(7), Begin.AddDays(9).AddTicks(9_999) };
        foreach (var at in versions) await InsertAsync(node, "t", id, at, "v");

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, End));

        Assert.All(entries, e => Assert.Equal(id, e.Id));
        Assert.Equal(versions, entries.Select(e => e.Tmstmp).OrderBy(t => t));
        Assert.All(entries, e => Assert.Equal(DateTimeKind.Utc, e.Tmstmp.Kind));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task A_ring_of_several_nodes_tokens_with_a_wrapping_range_is_read_completely_and_once(int splits)
    {
        // Three tokens: the first primary range, (3074457345618258602, -3074457345618258602], wraps around the ring.
        var tokens = new[] { "-3074457345618258602", "0", "3074457345618258602" };
        await using var node = await CassandraNode.StartAsync(tokens, o => { o.ScanSplits = splits; o.ReadParallelism = 3; o.PageSize = 17; });
        await node.CreateContractTableAsync("t");
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids) await InsertAsync(node, "t", id, Begin.AddHours(1), "x");

        var entries = await node.ReadAllAsync(await node.TableAsync("t"), new TimeRange(Begin, End));

        Assert.Equal(ids.OrderBy(g => g), entries.Select(e => e.Id).OrderBy(g => g));
    }

    [Fact]
    public async Task The_scan_plan_covers_every_token_once_with_at_least_one_piece_per_primary_range()
    {
        var tokens = new[] { "-100", "5", "7", "9000000000", (long.MaxValue - 3).ToString(CultureInfo.InvariantCulture) };
        await using var node = await CassandraNode.StartAsync(tokens);
        var ring = node.Store.Session.TokenRing;
        Assert.Equal(tokens.Length, ring.Ranges.Count);

        foreach (var splits in new[] { 1, 3, 16, 100 })
        {
            var pieces = ScanRanges.Plan(ring, splits);
            Assert.All(pieces, p => Assert.False(p.IsWrapAround || p.IsWholeRing, $"{p} wraps"));
            Assert.True(pieces.Count >= ring.Ranges.Count, $"{pieces.Count} pieces for {ring.Ranges.Count} primary ranges");
            // Sorted, they tile (MinToken, MaxToken] without gap or overlap.
            var sorted = pieces.OrderBy(p => p.Start).ToList();
            Assert.Equal(Murmur3Partitioner.MinToken, sorted[0].Start);
            Assert.Equal(Murmur3Partitioner.MaxToken, sorted[^1].End);
            for (var i = 1; i < sorted.Count; i++) Assert.Equal(sorted[i - 1].End, sorted[i].Start);
            var width = pieces.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Width);
            Assert.Equal((BigInteger.One << 64) - 1, width);
        }
    }

    [Fact]
    public async Task Stopping_early_ends_the_scan_and_its_queries()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => { o.PageSize = 10; o.ScanBufferSize = 5; });
        await node.CreateContractTableAsync("t");
        for (var i = 0; i < 200; i++) await InsertAsync(node, "t", Guid.NewGuid(), Begin.AddMinutes(i), "x");
        var table = await node.TableAsync("t");

        var taken = 0;
        await foreach (var _ in node.Store.ReadAsync(table, new TimeRange(Begin, End), CancellationToken.None))
            if (++taken == 3) break;

        Assert.Equal(3, taken);
        // The store still works: the producers ended instead of blocking on the full channel.
        Assert.Equal(200, (await node.ReadAllAsync(table, new TimeRange(Begin, End))).Count);
    }

    [Fact]
    public async Task A_cancelled_scan_throws_OperationCanceledException()
    {
        await using var node = await CassandraNode.StartAsync(configure: o => o.PageSize = 10);
        await node.CreateContractTableAsync("t");
        for (var i = 0; i < 50; i++) await InsertAsync(node, "t", Guid.NewGuid(), Begin.AddMinutes(i), "x");
        var table = await node.TableAsync("t");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in node.Store.ReadAsync(table, new TimeRange(Begin, End), cancel.Token)) cancel.Cancel();
        });
    }

    [Fact]
    public async Task A_scan_of_a_dropped_table_fails_with_the_table_named()
    {
        await using var node = await CassandraNode.StartAsync();
        await node.CreateContractTableAsync("t");
        var table = await node.TableAsync("t");
        await node.Admin.ExecuteAsync("DROP TABLE ks.t");

        var error = await Assert.ThrowsAsync<CassandraStoreException>(() => node.ReadAllAsync(table, new TimeRange(Begin, End)));
        Assert.Contains("ks.t", error.Message);
    }
}
