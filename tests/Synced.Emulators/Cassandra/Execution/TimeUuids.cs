using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Version 1 UUIDs for now(), minTimeuuid() and maxTimeuuid(), and their times.</summary>
internal static class TimeUuids
{
    private const long GregorianOffset = 0x01b21dd213814000L;
    private static readonly byte[] NodeAndClock = RandomNumberGenerator.GetBytes(8);
    private static long _lastTicks;

    /// <summary>A new timeuuid, strictly increasing in time within this process.</summary>
    public static byte[] Now()
    {
        var ticks = DateTime.UtcNow.Ticks - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks + GregorianOffset;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            next = Math.Max(ticks, last + 1);
        } while (Interlocked.CompareExchange(ref _lastTicks, next, last) != last);
        var lsb = BinaryPrimitives.ReadInt64BigEndian(NodeAndClock);
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | unchecked((long)0x8000000000000000UL);
        return Make(next, lsb);
    }

    /// <summary>The smallest timeuuid (TimeUUIDType order) of a millisecond.</summary>
    public static byte[] Min(long unixMillis) => Make(unixMillis * 10_000 + GregorianOffset, unchecked((long)0x8080808080808080UL));

    /// <summary>The greatest timeuuid (TimeUUIDType order) of a millisecond.</summary>
    public static byte[] Max(long unixMillis) => Make(unixMillis * 10_000 + GregorianOffset + 9_999, 0x7f7f7f7f7f7f7f7fL);

    public static long UnixMillis(ReadOnlySpan<byte> uuid) => (Schema.ValueOrder.UuidTimestamp(uuid) - GregorianOffset) / 10_000;

    private static byte[] Make(long timestamp, long lsb)
    {
        var msb = ((timestamp & 0xFFFFFFFFL) << 32) | (((timestamp >> 32) & 0xFFFF) << 16) | 0x1000 | ((timestamp >> 48) & 0x0FFF);
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, msb);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), lsb);
        return bytes;
    }

    public static byte[] RandomUuid()
    {
        var b = RandomNumberGenerator.GetBytes(16);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return b;
    }
}
