using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;
using Synced.Cql.Types;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Version 1 and 4 UUIDs for now(), uuid(), minTimeuuid() and maxTimeuuid(), as serialized values.</summary>
internal static class TimeUuids
{
    private static readonly ulong ClockSeqAndNode = NewClockSeqAndNode();
    private static long _lastTicks;

    /// <summary>
    /// A new timeuuid. Like Cassandra's now(), each call gives a distinct value that sorts after every earlier
    /// one from this node, even within one 100 ns tick.
    /// </summary>
    public static byte[] Now()
    {
        var ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks + TimeUuid.UnixEpochOffsetTicks;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            next = Math.Max(ticks, last + 1);
        } while (Interlocked.CompareExchange(ref _lastTicks, next, last) != last);
        return UuidBytes.ToBytes(TimeUuid.FromUuidTicks(next, ClockSeqAndNode));
    }

    public static byte[] Min(long unixMillis) => UuidBytes.ToBytes(TimeUuid.Min(unixMillis));

    public static byte[] Max(long unixMillis) => UuidBytes.ToBytes(TimeUuid.Max(unixMillis));

    public static long UnixMillis(ReadOnlySpan<byte> uuid) => TimeUuid.GetUnixMilliseconds(UuidBytes.Read(uuid));

    public static byte[] RandomUuid()
    {
        var b = RandomNumberGenerator.GetBytes(16);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return b;
    }

    private static ulong NewClockSeqAndNode()
    {
        var b = RandomNumberGenerator.GetBytes(8);
        var v = BinaryPrimitives.ReadUInt64BigEndian(b);
        // RFC 4122 variant bits (10xx) in the clock sequence; multicast bit set on the random node id.
        return (v & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL | 0x0000_0100_0000_0000UL;
    }
}
