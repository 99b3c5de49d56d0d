using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// Version 1 (time-based) UUIDs as Cassandra's TimeUUID handles them: the 60-bit timestamp counts 100 ns ticks since
/// 1582-10-15 and is laid out as time_low, time_mid, version + time_hi; TimeUUIDType orders by that timestamp, then by
/// the clock sequence and node bytes compared as signed bytes. minTimeuuid/maxTimeuuid use the clock sequence and
/// node Cassandra's TimeUUID.minAtUnixMillis/maxAtUnixMillis use (all 0x80 bytes, all 0x7f bytes).
/// </summary>
internal static class TimeUuids
{
    /// <summary>Ticks from 1582-10-15 (the UUID epoch) to 1970-01-01.</summary>
    public const long UnixEpochTicks = 0x01B21DD213814000L;
    public const ulong MinClockSeqAndNode = 0x8080808080808080UL;
    public const ulong MaxClockSeqAndNode = 0x7F7F7F7F7F7F7F7FUL;

    private static readonly ulong ClockSeqAndNode = NewClockSeqAndNode();
    private static long _lastTicks;

    /// <summary>
    /// A new timeuuid. Like Cassandra's now(), each call gives a distinct value that sorts after every earlier
    /// one from this process, even within one 100 ns tick.
    /// </summary>
    public static byte[] Now()
    {
        var ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks + UnixEpochTicks;
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            next = Math.Max(ticks, last + 1);
        } while (Interlocked.CompareExchange(ref _lastTicks, next, last) != last);
        return Create(next, ClockSeqAndNode);
    }

    /// <summary>The smallest timeuuid of a millisecond (minTimeuuid).</summary>
    public static byte[] Min(long unixMillis) => Create(unixMillis * 10_000 + UnixEpochTicks, MinClockSeqAndNode);

    /// <summary>The greatest timeuuid of a millisecond: its last tick (maxTimeuuid).</summary>
    public static byte[] Max(long unixMillis) => Create((unixMillis + 1) * 10_000 + UnixEpochTicks - 1, MaxClockSeqAndNode);

    /// <summary>A version 1 UUID of the given 60-bit timestamp and low 64 bits.</summary>
    public static byte[] Create(long ticks, ulong clockSeqAndNode)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)ticks);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(ticks >> 32));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)(0x1000 | ((ticks >> 48) & 0x0FFF)));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), clockSeqAndNode);
        return bytes;
    }

    /// <summary>The 60-bit timestamp of a version 1 UUID, in 100 ns ticks since 1582-10-15.</summary>
    public static long Ticks(ReadOnlySpan<byte> uuid)
    {
        long timeLow = BinaryPrimitives.ReadUInt32BigEndian(uuid);
        long timeMid = BinaryPrimitives.ReadUInt16BigEndian(uuid.Slice(4));
        long timeHi = BinaryPrimitives.ReadUInt16BigEndian(uuid.Slice(6)) & 0x0FFF;
        return (timeHi << 48) | (timeMid << 32) | timeLow;
    }

    /// <summary>Milliseconds since the Unix epoch (floored, as Cassandra's TimeUUID.unixTimestamp does).</summary>
    public static long UnixMillis(ReadOnlySpan<byte> uuid) => Math.DivRem(Ticks(uuid) - UnixEpochTicks, 10_000, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>TimeUUIDType order: timestamp first, then bytes 8..15 compared as signed bytes.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var c = Ticks(a).CompareTo(Ticks(b));
        if (c != 0) return c;
        for (var i = 8; i < 16; i++)
        {
            c = ((sbyte)a[i]).CompareTo((sbyte)b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    public static byte[] RandomUuid()
    {
        var b = RandomNumberGenerator.GetBytes(16);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return b;
    }

    private static ulong NewClockSeqAndNode()
    {
        var v = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8));
        // RFC 4122 variant bits (10xx) in the clock sequence; multicast bit set on the random node id.
        return (v & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL | 0x0000_0100_0000_0000UL;
    }
}
