using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Text;

using Synced.Emulators.Cassandra.Values;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// Reads the notations of native_protocol_v4.spec section 3 ([byte], [short], [int], [long], [string], [long string],
/// [bytes], [value], [short bytes], [string list], [string map], [string multimap], [bytes map], [uuid], [inet],
/// [consistency]) from a request body. Every read checks the remaining length, so a short body is a protocol error.
/// </summary>
internal ref struct WireReader
{
    /// <summary>The [value] length that means "not set" (-2).</summary>
    public const int UnsetLength = -2;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public WireReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public int Remaining => _buffer.Length - _position;

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
            throw new ProtocolException($"Not enough bytes to read {what} ({count} needed, {Remaining} left)");
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => Take(1, "a [byte]")[0];

    public ushort ReadShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a [short]"));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "an [int]"));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "a [long]"));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadShort(), "a [string]"));

    public string ReadLongString()
    {
        var length = ReadInt();
        if (length < 0) throw new ProtocolException($"Invalid [long string] length {length}");
        return Encoding.UTF8.GetString(Take(length, "a [long string]"));
    }

    /// <summary>[bytes]: a negative length is null.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadInt();
        return length < 0 ? null : Take(length, "[bytes]").ToArray();
    }

    /// <summary>[value]: null for length -1 (or below -2), <paramref name="unset"/> for -2.</summary>
    public byte[]? ReadValue(byte[] unset)
    {
        var length = ReadInt();
        if (length == UnsetLength) return unset;
        return length < 0 ? null : Take(length, "a [value]").ToArray();
    }

    public byte[] ReadShortBytes() => Take(ReadShort(), "[short bytes]").ToArray();

    public List<string> ReadStringList()
    {
        var n = ReadShort();
        var list = new List<string>(n);
        for (var i = 0; i < n; i++) list.Add(ReadString());
        return list;
    }

    public Dictionary<string, string> ReadStringMap()
    {
        var n = ReadShort();
        var map = new Dictionary<string, string>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = ReadString();
            map[key] = ReadString();
        }
        return map;
    }

    public Dictionary<string, List<string>> ReadStringMultimap()
    {
        var n = ReadShort();
        var map = new Dictionary<string, List<string>>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = ReadString();
            map[key] = ReadStringList();
        }
        return map;
    }

    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        var n = ReadShort();
        var map = new Dictionary<string, byte[]?>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = ReadString();
            map[key] = ReadBytes();
        }
        return map;
    }

    public Guid ReadUuid() => Uuids.ToGuid(Take(16, "a [uuid]"));

    public IPEndPoint ReadInet()
    {
        var size = ReadByte();
        if (size is not (4 or 16)) throw new ProtocolException($"Invalid [inet] address size {size}");
        var address = new IPAddress(Take(size, "an [inet] address"));
        return new IPEndPoint(address, ReadInt());
    }

    public ConsistencyLevel ReadConsistency()
    {
        var code = ReadShort();
        // Cassandra's ConsistencyLevel.fromCode: codes past LOCAL_ONE (NODE_LOCAL is internal) are unknown.
        if (code > (ushort)ConsistencyLevel.LocalOne) throw new ProtocolException($"Unknown code {code} for a consistency level");
        return (ConsistencyLevel)code;
    }
}
