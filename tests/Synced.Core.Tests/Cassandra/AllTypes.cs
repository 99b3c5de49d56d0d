using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Numerics;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

/// <summary>A table holding every CQL type Synced syncs, a row of values for it, and an exact comparison.</summary>
internal static class AllTypes
{
    public const string CreateType = "CREATE TYPE ks.address (street text, zip int, since timestamp)";

    public const string Columns =
        "a_ascii ascii, a_bigint bigint, a_blob blob, a_boolean boolean, a_date date, a_decimal decimal, a_double double, " +
        "a_duration duration, a_float float, a_inet inet, a_int int, a_smallint smallint, a_text text, a_time time, " +
        "a_timestamp timestamp, a_timeuuid timeuuid, a_tinyint tinyint, a_uuid uuid, a_varint varint, a_null text, " +
        "a_list list<int>, a_set set<text>, a_map map<text, bigint>, a_int_keys map<int, text>, a_frozen_list frozen<list<double>>, " +
        "a_tuple tuple<int, text, timestamp>, a_udt frozen<address>, a_nested map<text, frozen<list<uuid>>>";

    public static readonly DateTimeOffset Moment = new(2015, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static readonly Guid SomeTimeUuid = TimeUuid.Create(Moment.AddTicks(1234), new byte[] { 1, 2, 3, 4, 5, 6 }, 77);

    /// <summary>Values in the typed forms the Cassandra store reads.</summary>
    public static Dictionary<string, object?> TypedValues() => new()
    {
        ["a_ascii"] = "plain ascii",
        ["a_bigint"] = long.MinValue + 1,
        ["a_blob"] = new byte[] { 0, 1, 2, 254, 255 },
        ["a_boolean"] = true,
        ["a_date"] = CqlDate.FromYearMonthDay(2015, 1, 2),
        ["a_decimal"] = CqlDecimal.Parse("12345678901234567890.123456789012345678"),
        ["a_double"] = 1.0000000000000002,
        ["a_duration"] = new CqlDuration(14, 3, 4_000_000_005L),
        ["a_float"] = 3.14159f,
        ["a_inet"] = IPAddress.Parse("2001:db8::1"),
        ["a_int"] = int.MaxValue,
        ["a_smallint"] = (short)-32768,
        ["a_text"] = "tëxt with ünicode ✓",
        ["a_time"] = new CqlTime(((10L * 60 + 11) * 60 + 12) * 1_000_000_000L + 123_456_789L),
        ["a_timestamp"] = Moment,
        ["a_timeuuid"] = SomeTimeUuid,
        ["a_tinyint"] = (sbyte)-128,
        ["a_uuid"] = Guid.Parse("5b6962dd-3f90-4c93-8f61-eabfa4a803e2"),
        ["a_varint"] = BigInteger.Pow(2, 100) + 1,
        ["a_null"] = null,
        ["a_list"] = new List<object?> { 3, 1, 2 },
        ["a_set"] = new List<object?> { "a", "b", "c" },
        ["a_map"] = new Dictionary<object, object?> { ["x"] = 1L, ["y"] = long.MaxValue },
        ["a_int_keys"] = new Dictionary<object, object?> { [1] = "one", [2] = "two" },
        ["a_frozen_list"] = new List<object?> { 0.5, -2.25 },
        ["a_tuple"] = new object?[] { 5, "five", Moment },
        ["a_udt"] = new Dictionary<string, object?> { ["street"] = "Main St", ["zip"] = 12345, ["since"] = Moment },
        ["a_nested"] = new Dictionary<object, object?>
        {
            ["k"] = new List<object?> { Guid.Parse("00000000-0000-4000-8000-000000000001"), Guid.Parse("00000000-0000-4000-8000-000000000002") },
        },
    };

    /// <summary>The same values in the JSON forms Elasticsearch gives back (docs/design.md §3).</summary>
    public static Dictionary<string, object?> JsonValues() => new()
    {
        ["a_ascii"] = "plain ascii",
        ["a_bigint"] = long.MinValue + 1,
        ["a_blob"] = Convert.ToBase64String(new byte[] { 0, 1, 2, 254, 255 }),
        ["a_boolean"] = true,
        ["a_date"] = "2015-01-02",
        ["a_decimal"] = "12345678901234567890.123456789012345678",
        ["a_double"] = 1.0000000000000002m,
        ["a_duration"] = "1y2mo3d4s5ns",
        ["a_float"] = 3.14159m,
        ["a_inet"] = "2001:db8::1",
        ["a_int"] = (long)int.MaxValue,
        ["a_smallint"] = -32768L,
        ["a_text"] = "tëxt with ünicode ✓",
        ["a_time"] = "10:11:12.123456789",
        ["a_timestamp"] = "2015-01-02T03:04:05.678Z",
        ["a_timeuuid"] = SomeTimeUuid.ToString(),
        ["a_tinyint"] = -128L,
        ["a_uuid"] = "5b6962dd-3f90-4c93-8f61-eabfa4a803e2",
        ["a_varint"] = (BigInteger.Pow(2, 100) + 1).ToString(CultureInfo.InvariantCulture),
        ["a_null"] = null,
        ["a_list"] = new List<object?> { 3L, 1L, 2L },
        ["a_set"] = new List<object?> { "a", "b", "c" },
        ["a_map"] = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = long.MaxValue },
        ["a_int_keys"] = new Dictionary<string, object?> { ["1"] = "one", ["2"] = "two" },
        ["a_frozen_list"] = new List<object?> { 0.5m, -2.25m },
        ["a_tuple"] = new List<object?> { 5L, "five", "2015-01-02T03:04:05.678Z" },
        ["a_udt"] = new Dictionary<string, object?> { ["street"] = "Main St", ["zip"] = 12345L, ["since"] = "2015-01-02T03:04:05.678Z" },
        ["a_nested"] = new Dictionary<string, object?>
        {
            ["k"] = new List<object?> { "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002" },
        },
    };

    /// <summary>Asserts that every field has exactly the expected value (and type), collections deeply.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual)
    {
        foreach (var pair in expected)
        {
            Assert.True(actual.ContainsKey(pair.Key), $"field {pair.Key} is missing");
            AssertValue(pair.Key, pair.Value, actual[pair.Key]);
        }
    }

    private static void AssertValue(string path, object? expected, object? actual)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{path}: expected null, got {actual}");
            return;
        }
        Assert.True(actual is not null, $"{path}: expected {expected}, got null");
        switch (expected)
        {
            case byte[] bytes:
                Assert.Equal(bytes, Assert.IsType<byte[]>(actual));
                return;
            case IDictionary dictionary:
            {
                var other = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.True(dictionary.Count == other.Count, $"{path}: {dictionary.Count} entries expected, got {other.Count}");
                foreach (DictionaryEntry entry in dictionary)
                {
                    Assert.True(other.Contains(entry.Key), $"{path}: key {entry.Key} ({entry.Key.GetType().Name}) is missing");
                    AssertValue($"{path}[{entry.Key}]", entry.Value, other[entry.Key]);
                }
                return;
            }
            case IList list:
            {
                var other = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(list.Count == other.Count, $"{path}: {list.Count} elements expected, got {other.Count}");
                for (var i = 0; i < list.Count; i++) AssertValue($"{path}[{i}]", list[i], other[i]);
                return;
            }
            default:
                Assert.True(expected.GetType() == actual!.GetType(), $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name} ({actual})");
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
                return;
        }
    }
}
