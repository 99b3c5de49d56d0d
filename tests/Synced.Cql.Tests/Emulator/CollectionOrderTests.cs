using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Synced.Cql.Tests.Integration;
using Xunit;

namespace Synced.Cql.Tests.Emulator;

/// <summary>
/// Sets and maps come back from the emulator as Cassandra stores them: set elements sorted by the element type's
/// CQL order without duplicates, map entries sorted by key with one entry per key (the last one written wins),
/// however the collection was written.
/// </summary>
[Trait("Category", "Integration")]
public class CollectionOrderTests : EmulatorSession
{
    // Same timestamp as Ordered[1] and [2] differ only in the clock sequence: Cassandra compares those bytes signed.
    private static readonly Guid[] TimeUuidsInCassandraOrder =
    {
        Guid.Parse("ffffffff-0000-11e7-8000-000000000000"), // earliest: time_mid 0 (time_low is the least significant)
        Guid.Parse("00000000-0001-11e7-8000-000000000000"), // later; clock sequence high byte 0x80 = -128 signed
        Guid.Parse("00000000-0001-11e7-7f00-000000000000"), // same time; 0x7f = 127 signed sorts after 0x80
        Guid.Parse("00000000-0000-11e8-8000-000000000000"), // time_hi is the most significant part
    };

    private async Task<List<object?>> ReadSetAsync(string table, int key)
    {
        var result = await Session.ExecuteAsync($"SELECT s FROM {table} WHERE k = ?", key);
        return Assert.IsType<List<object?>>(result.Rows![0].GetValue(0));
    }

    private async Task<List<KeyValuePair<object?, object?>>> ReadMapAsync(string table, int key)
    {
        var result = await Session.ExecuteAsync($"SELECT m FROM {table} WHERE k = ?", key);
        return Assert.IsType<List<KeyValuePair<object?, object?>>>(result.Rows![0].GetValue(0));
    }

    [Fact]
    public async Task Set_literal_with_duplicates_reads_back_sorted_and_deduplicated()
    {
        await Session.ExecuteAsync("CREATE TABLE s_lit (k int PRIMARY KEY, s set<int>)");

        await Session.ExecuteAsync("INSERT INTO s_lit (k, s) VALUES (1, {3, 1, 2, 1})");
        await Session.ExecuteAsync("UPDATE s_lit SET s = {10, -1, 2, 10} WHERE k = 2");

        Assert.Equal(new object?[] { 1, 2, 3 }, await ReadSetAsync("s_lit", 1));
        Assert.Equal(new object?[] { -1, 2, 10 }, await ReadSetAsync("s_lit", 2));
    }

    [Fact]
    public async Task Bound_set_value_is_stored_sorted_and_deduplicated()
    {
        await Session.ExecuteAsync("CREATE TABLE s_bound (k int PRIMARY KEY, s set<int>)");
        var insert = await Session.PrepareAsync("INSERT INTO s_bound (k, s) VALUES (?, ?)");
        var update = await Session.PrepareAsync("UPDATE s_bound SET s = ? WHERE k = ?");

        await Session.ExecuteAsync(insert.Bind(1, new List<object?> { 3, 1, 2, 1 }));
        await Session.ExecuteAsync(update.Bind(new List<object?> { 10, -1, 2, 10 }, 2));
        await Session.ExecuteAsync("INSERT INTO s_bound (k, s) VALUES (?, ?)", 3, new List<object?> { 7, 5, 7, 6 });

        Assert.Equal(new object?[] { 1, 2, 3 }, await ReadSetAsync("s_bound", 1));
        Assert.Equal(new object?[] { -1, 2, 10 }, await ReadSetAsync("s_bound", 2));
        Assert.Equal(new object?[] { 5, 6, 7 }, await ReadSetAsync("s_bound", 3));
    }

    [Fact]
    public async Task Adding_and_removing_set_elements_keeps_the_set_sorted_and_deduplicated()
    {
        await Session.ExecuteAsync("CREATE TABLE s_ops (k int PRIMARY KEY, s set<int>)");
        var add = await Session.PrepareAsync("UPDATE s_ops SET s = s + ? WHERE k = 1");
        var remove = await Session.PrepareAsync("UPDATE s_ops SET s = s - ? WHERE k = 1");

        await Session.ExecuteAsync("UPDATE s_ops SET s = s + {30, 10, 30} WHERE k = 1");
        Assert.Equal(new object?[] { 10, 30 }, await ReadSetAsync("s_ops", 1));
        await Session.ExecuteAsync("UPDATE s_ops SET s = s + ? WHERE k = ?", new List<object?> { 40, 35, 40 }, 2);
        Assert.Equal(new object?[] { 35, 40 }, await ReadSetAsync("s_ops", 2));
        await Session.ExecuteAsync("UPDATE s_ops SET s = s - {35} WHERE k = 2");
        Assert.Equal(new object?[] { 40 }, await ReadSetAsync("s_ops", 2));

        await Session.ExecuteAsync(add.Bind(new List<object?> { 20, -5, 30, 20 }));
        Assert.Equal(new object?[] { -5, 10, 20, 30 }, await ReadSetAsync("s_ops", 1));

        await Session.ExecuteAsync(remove.Bind(new List<object?> { 30, 30, 99 }));
        await Session.ExecuteAsync("UPDATE s_ops SET s = s - {-5} WHERE k = 1");
        Assert.Equal(new object?[] { 10, 20 }, await ReadSetAsync("s_ops", 1));
    }

    [Fact]
    public async Task Text_set_is_sorted_by_utf8_bytes()
    {
        await Session.ExecuteAsync("CREATE TABLE s_text (k int PRIMARY KEY, s set<text>)");
        var insert = await Session.PrepareAsync("INSERT INTO s_text (k, s) VALUES (?, ?)");

        await Session.ExecuteAsync(insert.Bind(1, new List<object?> { "é", "b", "ab", "Z", "a", "b", "日本" }));
        await Session.ExecuteAsync("INSERT INTO s_text (k, s) VALUES (2, {'é', 'b', 'ab', 'Z', 'a', 'b', '日本'})");

        // 'Z' 0x5A < 'a' 0x61 < 'ab' < 'b' < 'é' 0xC3 0xA9 < '日' 0xE6 ...: byte order, not culture or UTF-16 order.
        var expected = new object?[] { "Z", "a", "ab", "b", "é", "日本" };
        Assert.Equal(expected, await ReadSetAsync("s_text", 1));
        Assert.Equal(expected, await ReadSetAsync("s_text", 2));
    }

    [Fact]
    public async Task Timeuuid_set_is_sorted_by_time_then_signed_clock_sequence_and_node_bytes()
    {
        await Session.ExecuteAsync("CREATE TABLE s_tu (k int PRIMARY KEY, s set<timeuuid>)");
        var insert = await Session.PrepareAsync("INSERT INTO s_tu (k, s) VALUES (?, ?)");
        var shuffled = new List<object?> { TimeUuidsInCassandraOrder[2], TimeUuidsInCassandraOrder[3], TimeUuidsInCassandraOrder[0], TimeUuidsInCassandraOrder[1], TimeUuidsInCassandraOrder[3] };

        await Session.ExecuteAsync(insert.Bind(1, shuffled));
        await Session.ExecuteAsync("INSERT INTO s_tu (k, s) VALUES (2, {" + string.Join(", ", shuffled) + "})");

        var expected = TimeUuidsInCassandraOrder.Cast<object?>().ToArray();
        Assert.Equal(expected, await ReadSetAsync("s_tu", 1));
        Assert.Equal(expected, await ReadSetAsync("s_tu", 2));
    }

    [Fact]
    public async Task Frozen_and_nested_sets_are_sorted_at_every_level()
    {
        await Session.ExecuteAsync("CREATE TABLE s_nested (k int PRIMARY KEY, f frozen<set<int>>, s set<frozen<set<int>>>)");
        var insert = await Session.PrepareAsync("INSERT INTO s_nested (k, f, s) VALUES (?, ?, ?)");

        await Session.ExecuteAsync(insert.Bind(1,
            new List<object?> { 3, 1, 3, 2 },
            new List<object?> { new List<object?> { 9, 2, 9 }, new List<object?> { 1, 5 }, new List<object?> { 2, 9 } }));

        var row = (await Session.ExecuteAsync("SELECT f, s FROM s_nested WHERE k = 1")).Rows![0];
        Assert.Equal(new object?[] { 1, 2, 3 }, Assert.IsType<List<object?>>(row.GetValue("f")));
        var outer = Assert.IsType<List<object?>>(row.GetValue("s"));
        Assert.Equal(2, outer.Count);
        Assert.Equal(new object?[] { 1, 5 }, Assert.IsType<List<object?>>(outer[0]));
        Assert.Equal(new object?[] { 2, 9 }, Assert.IsType<List<object?>>(outer[1]));
    }

    [Fact]
    public async Task Map_entries_are_sorted_by_key_with_the_last_value_of_a_repeated_key()
    {
        await Session.ExecuteAsync("CREATE TABLE m_order (k int PRIMARY KEY, m map<int, text>)");
        var insert = await Session.PrepareAsync("INSERT INTO m_order (k, m) VALUES (?, ?)");
        var add = await Session.PrepareAsync("UPDATE m_order SET m = m + ? WHERE k = ?");

        await Session.ExecuteAsync(insert.Bind(1, new List<KeyValuePair<object?, object?>> { new(3, "c"), new(-1, "n"), new(2, "b"), new(3, "last") }));
        await Session.ExecuteAsync("INSERT INTO m_order (k, m) VALUES (2, {3: 'c', -1: 'n', 2: 'b', 3: 'last'})");
        Assert.Equal(new[] { P(-1, "n"), P(2, "b"), P(3, "last") }, await ReadMapAsync("m_order", 1));
        await Session.ExecuteAsync(add.Bind(new List<KeyValuePair<object?, object?>> { new(10, "x"), new(0, "z"), new(10, "y"), new(2, "B") }, 1));

        Assert.Equal(new[] { P(-1, "n"), P(0, "z"), P(2, "B"), P(3, "last"), P(10, "y") }, await ReadMapAsync("m_order", 1));
        Assert.Equal(new[] { P(-1, "n"), P(2, "b"), P(3, "last") }, await ReadMapAsync("m_order", 2));
    }

    [Fact]
    public async Task Text_map_keys_are_sorted_by_utf8_bytes()
    {
        await Session.ExecuteAsync("CREATE TABLE m_text (k int PRIMARY KEY, m map<text, int>)");

        var insert = await Session.PrepareAsync("INSERT INTO m_text (k, m) VALUES (?, ?)");

        await Session.ExecuteAsync(insert.Bind(1, new List<KeyValuePair<object?, object?>> { new("é", 1), new("b", 2), new("Z", 3), new("a", 4) }));

        Assert.Equal(new[] { P("Z", 3), P("a", 4), P("b", 2), P("é", 1) }, await ReadMapAsync("m_text", 1));
    }

    private static KeyValuePair<object?, object?> P(object? key, object? value) => new(key, value);
}
