using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Text;

using Synced.Emulators.Cassandra.Values;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// Writes the notations of native_protocol_v4.spec section 3 into a growing buffer; a frame is built whole (header
/// placeholder, body, then the length patched in) so it goes to the socket in one write.
/// </summary>
internal sealed class WireWriter
{
    private byte[] _buffer;
    private int _length;
    private int _frameStart = -1;

    public WireWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => new(_buffer, 0, _length);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var next = new byte[Math.Max(_buffer.Length * 2, _length + count)];
            _buffer.AsSpan(0, _length).CopyTo(next);
            _buffer = next;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Starts a response frame; the body follows, then <see cref="EndFrame"/> sets its length.</summary>
    public void BeginFrame(FrameHeader header)
    {
        _frameStart = _length;
        header.WriteTo(Grow(FrameHeader.Size));
    }

    public void EndFrame()
    {
        if (_frameStart < 0) throw new InvalidOperationException("EndFrame without BeginFrame");
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_frameStart + 5), _length - _frameStart - FrameHeader.Size);
        _frameStart = -1;
    }

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteShort(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue) throw new ArgumentException($"A [string] holds at most {ushort.MaxValue} bytes, not {count}", nameof(value));
        WriteShort((ushort)count);
        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    public void WriteLongString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    /// <summary>[bytes]: null is length -1.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            WriteInt(-1);
            return;
        }
        WriteInt(value.Length);
        WriteRaw(value);
    }

    public void WriteBytes(byte[]? value) => WriteBytes(value, value is null);

    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteShort((ushort)value.Length);
        WriteRaw(value);
    }

    public void WriteStringList(IReadOnlyList<string> values)
    {
        WriteShort((ushort)values.Count);
        foreach (var v in values) WriteString(v);
    }

    public void WriteStringMap(IReadOnlyDictionary<string, string> map)
    {
        WriteShort((ushort)map.Count);
        foreach (var pair in map)
        {
            WriteString(pair.Key);
            WriteString(pair.Value);
        }
    }

    public void WriteStringMultimap(IReadOnlyDictionary<string, IReadOnlyList<string>> map)
    {
        WriteShort((ushort)map.Count);
        foreach (var pair in map)
        {
            WriteString(pair.Key);
            WriteStringList(pair.Value);
        }
    }

    public void WriteUuid(Guid value) => Uuids.WriteGuid(value, Grow(16));

    public void WriteInet(IPEndPoint endPoint)
    {
        var address = endPoint.Address.GetAddressBytes();
        WriteByte((byte)address.Length);
        WriteRaw(address);
        WriteInt(endPoint.Port);
    }

    public void WriteConsistency(ConsistencyLevel consistency) => WriteShort((ushort)consistency);
}
