using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Synced.Cql.Types;

/// <summary>
/// Version 1 (time-based) UUIDs as Cassandra's <c>timeuuid</c> uses them: a 60-bit count of 100 ns ticks since
/// 1582-10-15 (the "UUID epoch"), a clock sequence and a node. Includes Cassandra's exact minTimeuuid/maxTimeuuid
/// bounds and the order of its TimeUUIDType.
/// </summary>
public static class TimeUuid
{
    /// <summary>100 ns ticks from 1582-10-15 to 1970-01-01.</summary>
    public const long UnixEpochOffsetTicks = 0x01B21DD213814000L;

    /// <summary>Clock sequence and node of minTimeuuid: eight bytes of 0x80 (-128, the smallest signed byte).</summary>
    public const ulong MinClockSeqAndNode = 0x8080808080808080UL;

    /// <summary>
    /// Clock sequence and node of maxTimeuuid: eight bytes of 0x7f (+127). Cassandra leaves the variant bits
    /// unset here on purpose, so this is the greatest value in its signed-byte order.
    /// </summary>
    public const ulong MaxClockSeqAndNode = 0x7F7F7F7F7F7F7F7FUL;

    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
    private static readonly DateTimeOffset UnixEpoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The version nibble of any UUID (1 for a timeuuid).</summary>
    public static int GetVersion(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        UuidBytes.Write(value, bytes);
        return bytes[6] >> 4;
    }

    /// <summary>The timestamp of a timeuuid: 100 ns ticks since 1582-10-15.</summary>
    public static long GetUuidTicks(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        UuidBytes.Write(value, bytes);
        RequireVersion1(value, bytes);
        var msb = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return (long)(((msb & 0x0FFFUL) << 48) | (((msb >> 16) & 0xFFFFUL) << 32) | (msb >> 32));
    }

    /// <summary>The timestamp of a timeuuid: 100 ns ticks since 1970-01-01 (negative before).</summary>
    public static long GetUnixTicks(Guid value) => GetUuidTicks(value) - UnixEpochOffsetTicks;

    /// <summary>The instant of a timeuuid, to the 100 ns tick (UTC).</summary>
    public static DateTimeOffset GetTimestamp(Guid value) => UnixEpoch.AddTicks(GetUnixTicks(value));

    /// <summary>Milliseconds since 1970 of a timeuuid, rounded down (what Cassandra's toTimestamp gives).</summary>
    public static long GetUnixMilliseconds(Guid value)
    {
        var ticks = GetUnixTicks(value);
        var ms = ticks / 10_000;
        return ticks % 10_000 < 0 ? ms - 1 : ms;
    }

    /// <summary>A new timeuuid for an instant, with a random clock sequence and node (unique with high probability).</summary>
    public static Guid Create(DateTimeOffset instant)
    {
        var random = new byte[8];
        lock (Random)
        {
            Random.GetBytes(random);
        }

        var clockSeq = BinaryPrimitives.ReadUInt16BigEndian(random);
        return FromUnixTicks(instant.UtcTicks - UnixEpoch.UtcTicks, new ReadOnlySpan<byte>(random, 2, 6), clockSeq);
    }

    /// <summary>A deterministic timeuuid for an instant with the given 6-byte node and 14-bit clock sequence.</summary>
    public static Guid Create(DateTimeOffset instant, ReadOnlySpan<byte> node, ushort clockSequence)
        => FromUnixTicks(instant.UtcTicks - UnixEpoch.UtcTicks, node, clockSequence);

    /// <summary>A timeuuid for a time in 100 ns ticks since 1970, node and clock sequence (variant bits set).</summary>
    public static Guid FromUnixTicks(long unixTicks, ReadOnlySpan<byte> node, ushort clockSequence)
    {
        if (node.Length != 6)
        {
            throw new ArgumentException("A timeuuid node is 6 bytes.", nameof(node));
        }

        var lsb = ((ulong)(0x80 | ((clockSequence >> 8) & 0x3F)) << 56) | ((ulong)(clockSequence & 0xFF) << 48);
        for (var i = 0; i < 6; i++)
        {
            lsb |= (ulong)node[i] << (8 * (5 - i));
        }

        return FromUuidTicks(unixTicks + UnixEpochOffsetTicks, lsb);
    }

    /// <summary>A timeuuid from its raw timestamp (100 ns ticks since 1582-10-15) and its low 8 bytes as they are.</summary>
    public static Guid FromUuidTicks(long uuidTicks, ulong clockSeqAndNode)
    {
        if (uuidTicks < 0 || uuidTicks >= 1L << 60)
        {
            throw new ArgumentOutOfRangeException(nameof(uuidTicks), uuidTicks, "A timeuuid timestamp is 60 bits (1582-10-15 to about 5236).");
        }

        var raw = (ulong)uuidTicks;
        var msb = 0x1000UL | (raw >> 48) | ((raw & 0xFFFF00000000UL) >> 16) | (raw << 32);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, msb);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.Slice(8), clockSeqAndNode);
        return UuidBytes.Read(bytes);
    }

    /// <summary>Cassandra's <c>minTimeuuid(t)</c>: the smallest timeuuid of millisecond <paramref name="unixMilliseconds"/>.</summary>
    public static Guid Min(long unixMilliseconds)
        => FromUuidTicks(unixMilliseconds * 10_000 + UnixEpochOffsetTicks, MinClockSeqAndNode);

    /// <summary>Cassandra's <c>maxTimeuuid(t)</c>: the greatest timeuuid of millisecond <paramref name="unixMilliseconds"/> (its last tick).</summary>
    public static Guid Max(long unixMilliseconds)
        => FromUuidTicks((unixMilliseconds + 1) * 10_000 + UnixEpochOffsetTicks - 1, MaxClockSeqAndNode);

    /// <summary><see cref="Min(long)"/> for an instant (truncated to its millisecond).</summary>
    public static Guid Min(DateTimeOffset instant) => Min(CqlTimestamp.FromDateTimeOffset(instant).Milliseconds);

    /// <summary><see cref="Max(long)"/> for an instant (its whole millisecond).</summary>
    public static Guid Max(DateTimeOffset instant) => Max(CqlTimestamp.FromDateTimeOffset(instant).Milliseconds);

    /// <summary>
    /// Cassandra's TimeUUIDType order: by timestamp, then by the low 8 bytes compared as signed bytes.
    /// </summary>
    public static int Compare(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        UuidBytes.Write(left, a);
        UuidBytes.Write(right, b);
        var byTime = ReorderedMsb(a).CompareTo(ReorderedMsb(b));
        if (byTime != 0)
        {
            return byTime;
        }

        for (var i = 8; i < 16; i++)
        {
            var byByte = ((sbyte)a[i]).CompareTo((sbyte)b[i]);
            if (byByte != 0)
            {
                return byByte;
            }
        }

        return 0;
    }

    /// <summary>An <see cref="System.Collections.Generic.IComparer{T}"/> with <see cref="Compare"/>.</summary>
    public static System.Collections.Generic.IComparer<Guid> Comparer { get; } = new TimeUuidComparer();

    // Puts time_hi (with the version nibble), time_mid, time_low in significance order, as Cassandra does.
    private static long ReorderedMsb(ReadOnlySpan<byte> bytes)
    {
        var msb = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return (msb << 48) | ((msb << 16) & 0xFFFF00000000L) | (long)((ulong)msb >> 32);
    }

    private static void RequireVersion1(Guid value, ReadOnlySpan<byte> bytes)
    {
        if (bytes[6] >> 4 != 1)
        {
            throw new ArgumentException($"{value} is a version {bytes[6] >> 4} UUID, not a timeuuid (version 1).", nameof(value));
        }
    }

    private sealed class TimeUuidComparer : System.Collections.Generic.IComparer<Guid>
    {
        public int Compare(Guid x, Guid y) => TimeUuid.Compare(x, y);
    }
}
