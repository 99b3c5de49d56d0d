using System;
using System.Buffers.Binary;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>
/// The 9-byte frame header of protocol v3/v4 (native_protocol_v4.spec section 2): version with the direction bit,
/// flags, a signed 16-bit stream id, the opcode and the body length.
/// </summary>
internal readonly struct FrameHeader
{
    public const int Size = 9;
    /// <summary>The only protocol version the node speaks.</summary>
    public const byte Version = 4;
    /// <summary>Set in the version byte of responses.</summary>
    public const byte ResponseBit = 0x80;
    public const byte VersionMask = 0x7F;

    /// <summary>Frame flags (section 2.2).</summary>
    public const byte CompressionFlag = 0x01;
    public const byte TracingFlag = 0x02;
    public const byte CustomPayloadFlag = 0x04;
    public const byte WarningFlag = 0x08;
    public const byte BetaFlag = 0x10;

    public FrameHeader(byte version, bool isResponse, byte flags, short streamId, CqlOpcode opcode, int bodyLength)
    {
        ProtocolVersion = version;
        IsResponse = isResponse;
        Flags = flags;
        StreamId = streamId;
        Opcode = opcode;
        BodyLength = bodyLength;
    }

    public byte ProtocolVersion { get; }
    public bool IsResponse { get; }
    public byte Flags { get; }
    public short StreamId { get; }
    public CqlOpcode Opcode { get; }
    public int BodyLength { get; }

    public bool HasFlag(byte flag) => (Flags & flag) != 0;

    public static FrameHeader Response(short streamId, CqlOpcode opcode, byte flags = 0) => new(Version, true, flags, streamId, opcode, 0);

    /// <summary>Reads a header; the version is reported as sent (the caller decides whether it speaks it).</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> header)
    {
        if (header.Length < Size) throw new ProtocolException($"A frame header has {Size} bytes, not {header.Length}");
        var length = BinaryPrimitives.ReadInt32BigEndian(header.Slice(5));
        if (length < 0) throw new ProtocolException($"Invalid frame body length {length}");
        return new FrameHeader((byte)(header[0] & VersionMask), (header[0] & ResponseBit) != 0, header[1],
            BinaryPrimitives.ReadInt16BigEndian(header.Slice(2)), (CqlOpcode)header[4], length);
    }

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)(ProtocolVersion | (IsResponse ? ResponseBit : 0));
        destination[1] = Flags;
        BinaryPrimitives.WriteInt16BigEndian(destination.Slice(2), StreamId);
        destination[4] = (byte)Opcode;
        BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5), BodyLength);
    }
}
