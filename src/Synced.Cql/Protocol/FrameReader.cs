using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>
/// Reads the protocol notations from a frame body held in memory. A cursor over the body: each read
/// moves <see cref="Position"/>. Reading past the end throws <see cref="CqlProtocolException"/>.
/// </summary>
internal ref struct FrameReader
{
    private static readonly UTF8Encoding Utf8 = new(false, true);
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    /// <summary>Reads <paramref name="body"/> from its start.</summary>
    public FrameReader(ReadOnlyMemory<byte> body)
    {
        _memory = body;
        _span = body.Span;
        _position = 0;
    }

    /// <summary>Reads a byte array from its start.</summary>
    public FrameReader(byte[] body) : this(new ReadOnlyMemory<byte>(body))
    {
    }

    /// <summary>Offset of the next byte to read.</summary>
    public int Position
    {
        get => _position;
        set
        {
            if (value < 0 || value > _span.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _position = value;
        }
    }

    /// <summary>Bytes left to read.</summary>
    public int Remaining => _span.Length - _position;

    /// <summary>The whole body.</summary>
    public ReadOnlyMemory<byte> Memory => _memory;

    public byte ReadByte()
    {
        Require(1, "[byte]");
        return _span[_position++];
    }

    /// <summary>[short]: 2-byte unsigned.</summary>
    public ushort ReadShort()
    {
        Require(2, "[short]");
        var value = BinaryPrimitives.ReadUInt16BigEndian(_span.Slice(_position));
        _position += 2;
        return value;
    }

    /// <summary>[int]: 4-byte signed.</summary>
    public int ReadInt()
    {
        Require(4, "[int]");
        var value = BinaryPrimitives.ReadInt32BigEndian(_span.Slice(_position));
        _position += 4;
        return value;
    }

    /// <summary>[long]: 8-byte signed.</summary>
    public long ReadLong()
    {
        Require(8, "[long]");
        var value = BinaryPrimitives.ReadInt64BigEndian(_span.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>[string]: [short] length then UTF-8.</summary>
    public string ReadString()
    {
        int length = ReadShort();
        return ReadUtf8(length, "[string]");
    }

    /// <summary>[long string]: [int] length then UTF-8.</summary>
    public string ReadLongString()
    {
        var length = ReadInt();
        if (length < 0)
        {
            throw new CqlProtocolException($"[long string] has negative length {length} at offset {_position - 4}.");
        }

        return ReadUtf8(length, "[long string]");
    }

    /// <summary>[uuid]: 16 bytes, RFC 4122 order.</summary>
    public Guid ReadUuid()
    {
        Require(16, "[uuid]");
        var value = UuidBytes.Read(_span.Slice(_position, 16));
        _position += 16;
        return value;
    }

    /// <summary>[string list]: [short] n then n [string].</summary>
    public List<string> ReadStringList()
    {
        int count = ReadShort();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadString());
        }

        return list;
    }

    /// <summary>
    /// [bytes] or [value] without copying: returns the length (-1 null, -2 unset, else the byte count) and
    /// gives the bytes as a slice of the body.
    /// </summary>
    public int ReadBytesSlice(out ReadOnlyMemory<byte> value)
    {
        var length = ReadInt();
        if (length < 0)
        {
            if (length < -2)
            {
                throw new CqlProtocolException($"[bytes] has invalid length {length} at offset {_position - 4}.");
            }

            value = ReadOnlyMemory<byte>.Empty;
            return length;
        }

        Require(length, "[bytes]");
        value = _memory.Slice(_position, length);
        _position += length;
        return length;
    }

    /// <summary>[bytes] copied into a new array; null when the length is negative.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadBytesSlice(out var value);
        return length < 0 ? null : value.ToArray();
    }

    /// <summary>[short bytes]: [short] length then the bytes, copied.</summary>
    public byte[] ReadShortBytes()
    {
        int length = ReadShort();
        Require(length, "[short bytes]");
        var value = _span.Slice(_position, length).ToArray();
        _position += length;
        return value;
    }

    /// <summary>Raw bytes with no length prefix, as a slice.</summary>
    public ReadOnlyMemory<byte> ReadRaw(int length)
    {
        Require(length, "raw bytes");
        var value = _memory.Slice(_position, length);
        _position += length;
        return value;
    }

    /// <summary>[option] describing a column type. UDT names are kept as sent; nothing is resolved.</summary>
    public CqlType ReadOption() => CqlType.ReadOption(ref this);

    /// <summary>[inetaddr]: [byte] size then 4 or 16 address bytes.</summary>
    public IPAddress ReadInetAddress()
    {
        int size = ReadByte();
        if (size != 4 && size != 16)
        {
            throw new CqlProtocolException($"[inetaddr] size must be 4 or 16, got {size}.");
        }

        Require(size, "[inetaddr]");
        var bytes = _span.Slice(_position, size).ToArray();
        _position += size;
        return new IPAddress(bytes);
    }

    /// <summary>[inet]: [inetaddr] then an [int] port.</summary>
    public IPEndPoint ReadInet()
    {
        var address = ReadInetAddress();
        var port = ReadInt();
        return new IPEndPoint(address, port);
    }

    /// <summary>[consistency]: a [short].</summary>
    public Consistency ReadConsistency() => (Consistency)ReadShort();

    /// <summary>[string map].</summary>
    public Dictionary<string, string> ReadStringMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            map[key] = ReadString();
        }

        return map;
    }

    /// <summary>[string multimap].</summary>
    public Dictionary<string, List<string>> ReadStringMultimap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, List<string>>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            map[key] = ReadStringList();
        }

        return map;
    }

    /// <summary>[bytes map]; null values are kept as null.</summary>
    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, byte[]?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString();
            map[key] = ReadBytes();
        }

        return map;
    }

    private string ReadUtf8(int length, string notation)
    {
        Require(length, notation);
        var value = Decode(_memory.Slice(_position, length));
        _position += length;
        return value;
    }

    /// <summary>Decodes UTF-8 from memory without an intermediate copy when it is array-backed.</summary>
    internal static string Decode(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return string.Empty;
        }

        try
        {
            if (MemoryMarshal.TryGetArray(bytes, out var segment))
            {
                return Utf8.GetString(segment.Array!, segment.Offset, segment.Count);
            }

            return Utf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException ex)
        {
            throw new CqlProtocolException("A string is not valid UTF-8.", ex);
        }
    }

    private void Require(int count, string notation)
    {
        if (count > _span.Length - _position)
        {
            throw new CqlProtocolException(
                $"Frame body ends early: {notation} needs {count} bytes at offset {_position} but {_span.Length - _position} remain.");
        }
    }
}
