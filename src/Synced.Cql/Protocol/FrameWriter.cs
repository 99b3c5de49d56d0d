using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Text;
using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>
/// Writes frames and the protocol notations ([int], [string], [bytes], ...) into a growable buffer rented from
/// <see cref="ArrayPool{T}"/>. Several frames may be written back to back (one socket write for all).
/// Dispose returns the buffer to the pool.
/// </summary>
internal sealed class FrameWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false, true);
    private byte[] _buffer;
    private int _position;
    private int _frameStart = -1;

    /// <summary>Creates a writer with at least <paramref name="initialCapacity"/> bytes of room.</summary>
    public FrameWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _position;

    /// <summary>The written bytes (valid until the next write or dispose).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _position);

    /// <summary>The written bytes (valid until the next write or dispose).</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _position);

    /// <summary>The underlying array; the written bytes are [0, Length).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written; keeps the buffer.</summary>
    public void Reset()
    {
        _position = 0;
        _frameStart = -1;
    }

    /// <summary>Starts a frame: reserves its header, which <see cref="EndFrame"/> fills in with the body length.</summary>
    public void BeginFrame(FrameHeader header)
    {
        if (_frameStart >= 0)
        {
            throw new InvalidOperationException("A frame is already open; call EndFrame first.");
        }

        _frameStart = _position;
        header.WriteTo(GetSpan(FrameHeader.Size));
        _position += FrameHeader.Size;
    }

    /// <summary>Completes the open frame by writing its body length into the header.</summary>
    public void EndFrame()
    {
        if (_frameStart < 0)
        {
            throw new InvalidOperationException("No frame is open.");
        }

        var bodyLength = _position - _frameStart - FrameHeader.Size;
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(_buffer, _frameStart + 5, 4), bodyLength);
        _frameStart = -1;
    }

    /// <summary>Returns room for <paramref name="size"/> bytes at the current position; call <see cref="Advance"/> after writing.</summary>
    public Span<byte> GetSpan(int size)
    {
        Ensure(size);
        return new Span<byte>(_buffer, _position, size);
    }

    /// <summary>Moves the position after bytes written through <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        if (count < 0 || _position + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _position += count;
    }

    /// <summary>Overwrites an [int] written earlier (e.g. a length known only afterwards).</summary>
    public void PatchInt(int position, int value)
        => BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(_buffer, position, 4), value);

    /// <summary>Overwrites a [short] written earlier (e.g. a count known only afterwards).</summary>
    public void PatchShort(int position, ushort value)
        => BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(_buffer, position, 2), value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    /// <summary>[short]: 2-byte unsigned big-endian.</summary>
    public void WriteShort(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(GetSpan(2), value);
        _position += 2;
    }

    /// <summary>[int]: 4-byte signed big-endian.</summary>
    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _position += 4;
    }

    /// <summary>[long]: 8-byte signed big-endian.</summary>
    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        _position += 8;
    }

    /// <summary>Raw bytes with no length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>[string]: [short] byte length then UTF-8.</summary>
    public void WriteString(string value)
    {
        var byteCount = Utf8.GetByteCount(value);
        if (byteCount > ushort.MaxValue)
        {
            throw new ArgumentException($"A [string] holds at most {ushort.MaxValue} bytes; this one has {byteCount}.", nameof(value));
        }

        WriteShort((ushort)byteCount);
        WriteUtf8(value, byteCount);
    }

    /// <summary>[long string]: [int] byte length then UTF-8.</summary>
    public void WriteLongString(string value)
    {
        var byteCount = Utf8.GetByteCount(value);
        WriteInt(byteCount);
        WriteUtf8(value, byteCount);
    }

    /// <summary>UTF-8 bytes of a string with no length prefix; returns the byte count.</summary>
    public int WriteUtf8(string value)
    {
        var byteCount = Utf8.GetByteCount(value);
        WriteUtf8(value, byteCount);
        return byteCount;
    }

    private void WriteUtf8(string value, int byteCount)
    {
        Ensure(byteCount);
        _position += Utf8.GetBytes(value, 0, value.Length, _buffer, _position);
    }

    /// <summary>[uuid]: 16 bytes in RFC 4122 (big-endian) order.</summary>
    public void WriteUuid(Guid value)
    {
        UuidBytes.Write(value, GetSpan(16));
        _position += 16;
    }

    /// <summary>[string list]: [short] n then n [string].</summary>
    public void WriteStringList(IReadOnlyCollection<string> values)
    {
        WriteShort(checked((ushort)values.Count));
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    /// <summary>[bytes]: [int] length then the bytes; <c>null</c> writes length -1.</summary>
    public void WriteBytes(byte[]? value)
    {
        if (value == null)
        {
            WriteInt(-1);
            return;
        }

        WriteBytes(new ReadOnlySpan<byte>(value));
    }

    /// <summary>[bytes] with a non-null value.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>[bytes] null (length -1).</summary>
    public void WriteNull() => WriteInt(-1);

    /// <summary>[value] unset (length -2), meaning "leave this bound variable alone" (v4+).</summary>
    public void WriteUnset() => WriteInt(-2);

    /// <summary>
    /// [value]: serializes <paramref name="value"/> as <paramref name="type"/> with its [int] length; null writes -1
    /// and <see cref="CqlUnset.Value"/> writes -2.
    /// </summary>
    public void WriteValue(CqlType type, object? value)
    {
        if (value == null || value is DBNull)
        {
            WriteInt(-1);
            return;
        }

        if (value is CqlUnset)
        {
            WriteInt(-2);
            return;
        }

        var lengthAt = _position;
        WriteInt(0);
        TypeCodec.Serialize(type, value, this);
        PatchInt(lengthAt, _position - lengthAt - 4);
    }

    /// <summary>[short bytes]: [short] length then the bytes.</summary>
    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"[short bytes] hold at most {ushort.MaxValue} bytes.", nameof(value));
        }

        WriteShort((ushort)value.Length);
        WriteRaw(value);
    }

    /// <summary>[option] describing a column type.</summary>
    public void WriteOption(CqlType type) => type.WriteOption(this);

    /// <summary>[inetaddr]: [byte] size (4 or 16) then the address bytes.</summary>
    public void WriteInetAddress(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        WriteByte((byte)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>[inet]: [inetaddr] then an [int] port.</summary>
    public void WriteInet(IPEndPoint endPoint)
    {
        WriteInetAddress(endPoint.Address);
        WriteInt(endPoint.Port);
    }

    /// <summary>[consistency]: a [short].</summary>
    public void WriteConsistency(Consistency consistency) => WriteShort((ushort)consistency);

    /// <summary>[string map]: [short] n then n ([string] key, [string] value).</summary>
    public void WriteStringMap(IReadOnlyCollection<KeyValuePair<string, string>> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var pair in map)
        {
            WriteString(pair.Key);
            WriteString(pair.Value);
        }
    }

    /// <summary>[string multimap]: [short] n then n ([string] key, [string list] values).</summary>
    public void WriteStringMultimap(IReadOnlyCollection<KeyValuePair<string, IReadOnlyList<string>>> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var pair in map)
        {
            WriteString(pair.Key);
            WriteStringList(pair.Value);
        }
    }

    /// <summary>[bytes map]: [short] n then n ([string] key, [bytes] value).</summary>
    public void WriteBytesMap(IReadOnlyCollection<KeyValuePair<string, byte[]?>> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var pair in map)
        {
            WriteString(pair.Key);
            WriteBytes(pair.Value);
        }
    }

    private void Ensure(int size)
    {
        if (_position + size <= _buffer.Length)
        {
            return;
        }

        var wanted = Math.Max(_buffer.Length * 2, _position + size);
        var larger = ArrayPool<byte>.Shared.Rent(wanted);
        System.Buffer.BlockCopy(_buffer, 0, larger, 0, _position);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
