using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Cql.Tests.Vectors;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Types;

public class TimeUuidVectorTests
{
    public static IEnumerable<object[]> Rows() => VectorFiles.Rows("timeuuid.tsv").Select(r => new object[] { r[0], r[1], r[3] });

    public static IEnumerable<object[]> DerivedRows() => VectorFiles.CommentRows("timeuuid.tsv", "#DERIVED").Select(r => new object[] { r[1], r[2] });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Time_of_timeuuid_matches_vector_milliseconds(string uuid, string unixMillis, string notes)
    {
        var value = Guid.Parse(uuid);

        Assert.Equal(long.Parse(unixMillis, CultureInfo.InvariantCulture), TimeUuid.GetUnixMilliseconds(value));
        Assert.Equal(1, TimeUuid.GetVersion(value));
        Assert.NotNull(notes);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Creating_a_timeuuid_from_its_time_node_and_clock_gives_the_vector(string uuid, string unixMillis, string notes)
    {
        var value = Guid.Parse(uuid);
        var bytes = UuidBytes.ToBytes(value);
        var clock = (ushort)(((bytes[8] & 0x3F) << 8) | bytes[9]);

        var rebuilt = TimeUuid.FromUnixTicks(TimeUuid.GetUnixTicks(value), bytes.AsSpan(10, 6), clock);

        Assert.Equal(value, rebuilt);
        if (!notes.Contains("micro", StringComparison.Ordinal))
        {
            // Rows made from whole milliseconds: the instant alone reproduces the timestamp.
            Assert.Equal(value, TimeUuid.Create(new CqlTimestamp(long.Parse(unixMillis, CultureInfo.InvariantCulture)).ToDateTimeOffset(), bytes.AsSpan(10, 6), clock));
        }
    }

    [Theory]
    [MemberData(nameof(DerivedRows))]
    public void Min_and_max_timeuuid_follow_Cassandra(string call, string expected)
    {
        var millis = long.Parse(call.Substring(call.IndexOf('(') + 1).TrimEnd(')'), CultureInfo.InvariantCulture);
        var actual = call.StartsWith("min", StringComparison.Ordinal) ? TimeUuid.Min(millis) : TimeUuid.Max(millis);

        Assert.Equal(Guid.Parse(expected), actual);
    }

    [Fact]
    public void Derived_rows_are_present()
    {
        Assert.Equal(4, DerivedRows().Count());
    }

    [Fact]
    public void Max_of_a_millisecond_sorts_after_every_timeuuid_of_it_and_min_before()
    {
        var ms = 1420866305000;
        var min = TimeUuid.Min(ms);
        var max = TimeUuid.Max(ms);
        var inside = TimeUuid.Create(new CqlTimestamp(ms).ToDateTimeOffset().AddTicks(9999), new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0x3fff);
        var lowest = TimeUuid.Create(new CqlTimestamp(ms).ToDateTimeOffset(), new byte[6], 0);
        var next = TimeUuid.Min(ms + 1);

        Assert.True(TimeUuid.Compare(min, lowest) < 0);
        Assert.True(TimeUuid.Compare(inside, max) < 0);
        Assert.True(TimeUuid.Compare(max, next) < 0);
        Assert.Equal(0, TimeUuid.Compare(max, max));
    }

    [Fact]
    public void Comparison_orders_by_timestamp_before_low_bytes()
    {
        var early = TimeUuid.FromUuidTicks(1000, 0x7F7F7F7F7F7F7F7FUL);
        var late = TimeUuid.FromUuidTicks(1001, 0x8080808080808080UL);
        // time_low differs in the high bytes of the Guid text; the order must still follow the 60-bit time.
        var bigTimeLow = TimeUuid.FromUuidTicks(0xFFFFFFFFL, 0);
        var bigTimeHigh = TimeUuid.FromUuidTicks(1L << 48, 0);

        Assert.True(TimeUuid.Compare(early, late) < 0);
        Assert.True(TimeUuid.Compare(bigTimeLow, bigTimeHigh) < 0);
        Assert.True(TimeUuid.Comparer.Compare(late, early) > 0);
    }

    [Fact]
    public void Low_bytes_compare_as_signed_bytes()
    {
        var negative = TimeUuid.FromUuidTicks(5, 0x8000000000000000UL);
        var positive = TimeUuid.FromUuidTicks(5, 0x0100000000000000UL);

        Assert.True(TimeUuid.Compare(negative, positive) < 0);
    }

    [Fact]
    public void Random_timeuuids_for_the_same_instant_differ_and_keep_the_time()
    {
        DateTimeOffset instant = new(2020, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
        var a = TimeUuid.Create(instant);
        var b = TimeUuid.Create(instant);

        Assert.NotEqual(a, b);
        Assert.Equal(instant, TimeUuid.GetTimestamp(a));
        Assert.Equal(2, UuidBytes.ToBytes(a)[8] >> 6);
    }

    [Fact]
    public void Time_of_a_non_time_uuid_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TimeUuid.GetUuidTicks(Guid.Parse("49157efc-ef3c-4de3-9698-af801fb40b2a")));
    }
}
