using System;
using Synced.Core.Time;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Between an entry's tmstmp (a UTC <see cref="DateTime"/> in 100 ns ticks) and a timeuuid: exact scan bounds,
/// the instant of a stored version, and the deterministic timeuuid Synced writes for a version.
/// </summary>
internal static class EntryTime
{
    private static readonly long UnixEpochTicks = UtcTime.Epoch.Ticks;

    /// <summary>The greatest tick a timeuuid holds (60 bits from 1582-10-15).</summary>
    private const long MaxUuidTicks = (1L << 60) - 1;

    /// <summary>The instant of a timeuuid, UTC, to the tick.</summary>
    public static DateTime FromTimeUuid(Guid timeuuid)
        => new(TimeUuid.GetUnixTicks(timeuuid) + UnixEpochTicks, DateTimeKind.Utc);

    /// <summary>
    /// The smallest timeuuid of the tick of <paramref name="instant"/> in Cassandra's order (the clock sequence and
    /// node of minTimeuuid), so <c>tmstmp &gt;= Lower(b) AND tmstmp &lt; Lower(e)</c> is exactly [b, e) at tick precision.
    /// </summary>
    public static Guid LowerBound(DateTime instant)
    {
        var uuidTicks = instant.Ticks - UnixEpochTicks + TimeUuid.UnixEpochOffsetTicks;
        if (uuidTicks < 0) uuidTicks = 0;
        if (uuidTicks > MaxUuidTicks) uuidTicks = MaxUuidTicks;
        return TimeUuid.FromUuidTicks(uuidTicks, TimeUuid.MinClockSeqAndNode);
    }

    /// <summary>
    /// The timeuuid Synced writes for version <paramref name="tmstmp"/> of entry <paramref name="id"/>: the exact tick,
    /// with a clock sequence and node taken from the id. The same version always gets the same timeuuid, so writing
    /// it again (a re-run, an overlap) lands on the same row instead of adding one.
    /// </summary>
    public static Guid ForVersion(Guid id, DateTime tmstmp)
    {
        var bytes = id.ToByteArray();
        // Guid.ToByteArray's last 8 bytes are in RFC order; they are the random part of a version 4 id.
        var node = new byte[6];
        Array.Copy(bytes, 10, node, 0, 6);
        node[0] |= 0x01; // the multicast bit marks a node that is no MAC address (RFC 4122 §4.5)
        var clockSequence = (ushort)(((bytes[8] << 8) | bytes[9]) & 0x3FFF);
        var uuidTicks = tmstmp.Ticks - UnixEpochTicks + TimeUuid.UnixEpochOffsetTicks;
        if (uuidTicks < 0 || uuidTicks > MaxUuidTicks)
            throw new ArgumentOutOfRangeException(nameof(tmstmp), tmstmp, "a timeuuid holds instants from 1582-10-15 to about 5236");
        return TimeUuid.FromUnixTicks(tmstmp.Ticks - UnixEpochTicks, node, clockSequence);
    }
}
