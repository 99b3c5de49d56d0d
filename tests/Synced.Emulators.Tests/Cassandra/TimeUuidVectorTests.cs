using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Emulators.Cassandra.Execution;
using Synced.Emulators.Cassandra.Values;
using Synced.Emulators.Tests.Vectors;
using Xunit;

namespace Synced.Emulators.Tests.Cassandra;

/// <summary>The emulator's timeuuid handling (time, minTimeuuid/maxTimeuuid, TimeUUIDType order) against timeuuid.tsv.</summary>
public sealed class TimeUuidVectorTests
{
    public static IEnumerable<object[]> Pairs() => VectorFile.Rows("timeuuid.tsv").Select(r => new object[] { r[0], r[1] });

    public static IEnumerable<object[]> Derived() => VectorFile.CommentRows("timeuuid.tsv", "#DERIVED").Select(r => new object[] { r[1], r[2] });

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_timeuuid_gives_the_unix_milliseconds_of_its_vector(string uuid, string unixMillis)
    {
        Assert.Equal(long.Parse(unixMillis, CultureInfo.InvariantCulture), TimeUuids.UnixMillis(Uuids.Parse(uuid)));
    }

    [Theory]
    [MemberData(nameof(Derived))]
    public void MinTimeuuid_and_maxTimeuuid_follow_Cassandra_TimeUUID(string call, string expected)
    {
        var millis = long.Parse(call[(call.IndexOf('(') + 1)..^1], CultureInfo.InvariantCulture);
        var actual = call.StartsWith("min", StringComparison.Ordinal) ? TimeUuids.Min(millis) : TimeUuids.Max(millis);
        Assert.Equal(expected, Uuids.Format(actual));
    }

    [Fact]
    public void Every_timeuuid_of_a_millisecond_sorts_between_its_min_and_max()
    {
        foreach (var row in VectorFile.Rows("timeuuid.tsv"))
        {
            var uuid = Uuids.Parse(row[0]);
            var millis = long.Parse(row[1], CultureInfo.InvariantCulture);
            Assert.True(TimeUuids.Compare(TimeUuids.Min(millis), uuid) <= 0, $"minTimeuuid({millis}) sorts after {row[0]}");
            Assert.True(TimeUuids.Compare(uuid, TimeUuids.Max(millis)) <= 0, $"maxTimeuuid({millis}) sorts before {row[0]}");
            // The millisecond before the UUID epoch (1582-10-15) has no timeuuid.
            if (millis * 10_000 + TimeUuids.UnixEpochTicks > 0) Assert.True(TimeUuids.Compare(TimeUuids.Max(millis - 1), uuid) < 0);
            Assert.True(TimeUuids.Compare(uuid, TimeUuids.Min(millis + 1)) < 0);
        }
    }

    [Fact]
    public void Equal_times_order_by_the_clock_sequence_and_node_as_signed_bytes()
    {
        // Three vectors at unix time 0 differing only in their low bytes: 0x80.. (signed -128) sorts first.
        var low = Uuids.Parse("13814000-1dd2-11b2-8000-000000000000");
        var mid = Uuids.Parse("13814000-1dd2-11b2-8101-010101010101");
        var high = Uuids.Parse("13814000-1dd2-11b2-bfff-ffffffffffff");
        Assert.True(TimeUuids.Compare(low, mid) < 0);
        Assert.True(TimeUuids.Compare(mid, high) < 0);
        // Signed: 0x7f (127) sorts after 0x80 (-128), unlike an unsigned comparison.
        Assert.True(TimeUuids.Compare(TimeUuids.Min(0), TimeUuids.Create(TimeUuids.Ticks(TimeUuids.Min(0)), 0x7F00000000000000UL)) < 0);
    }

    [Fact]
    public void Now_gives_strictly_increasing_version_1_uuids()
    {
        var previous = TimeUuids.Now();
        for (var i = 0; i < 1000; i++)
        {
            var next = TimeUuids.Now();
            Assert.Equal(1, next[6] >> 4);
            Assert.True(TimeUuids.Compare(previous, next) < 0);
            previous = next;
        }
    }
}
