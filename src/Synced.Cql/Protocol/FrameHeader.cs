using System;
using System.Buffers.Binary;

namespace Synced.Cql.Protocol;

/// <summary>The 9-byte header of a v3/v4 frame: version, flags, stream, opcode, body length.</summary>
internal readonly struct FrameHeader : IEquatable<FrameHeader>
{
    /// <summary>Size of the header on the wire.</summary>
    public const int Size = 9;

    /// <summary>Largest body a v4 frame may carry (256 MB, as Cassandra's native_transport_max_frame_size default allows at most).</summary>
    public const int MaxBodyLength = 256 * 1024 * 1024;

    /// <summary>Creates a header.</summary>
    public FrameHeader(byte version, bool isResponse, FrameFlags flags, short streamId, Opcode opcode, int bodyLength)
    {
        Version = version;
        IsResponse = isResponse;
        Flags = flags;
        StreamId = streamId;
        Opcode = opcode;
        BodyLength = bodyLength;
    }

    /// <summary>Protocol version without the direction bit.</summary>
    public byte Version { get; }

    /// <summary>True when the version byte carries the response bit (0x80).</summary>
    public bool IsResponse { get; }

    public FrameFlags Flags { get; }

    /// <summary>Stream id; negative ids are reserved for server-pushed EVENT frames (-1).</summary>
    public short StreamId { get; }

    public Opcode Opcode { get; }

    /// <summary>Length of the body that follows the header.</summary>
    public int BodyLength { get; }

    /// <summary>The version byte as sent: version plus the response bit when set.</summary>
    public byte VersionByte => (byte)(Version | (IsResponse ? ProtocolVersion.ResponseBit : 0));

    /// <summary>A request header (client to server) for protocol v4.</summary>
    public static FrameHeader Request(short streamId, Opcode opcode, FrameFlags flags = FrameFlags.None, int bodyLength = 0)
        => new(ProtocolVersion.V4, false, flags, streamId, opcode, bodyLength);

    /// <summary>A response header (server to client) for protocol v4.</summary>
    public static FrameHeader Response(short streamId, Opcode opcode, FrameFlags flags = FrameFlags.None, int bodyLength = 0)
        => new(ProtocolVersion.V4, true, flags, streamId, opcode, bodyLength);

    /// <summary>Returns a copy with another body length.</summary>
    public FrameHeader WithBodyLength(int bodyLength)
        => new(Version, IsResponse, Flags, StreamId, Opcode, bodyLength);

    /// <summary>
    /// Reads a header without judging the version (a server must read a v5 request's header to answer it
    /// with a protocol error). Throws when fewer than 9 bytes are given or the length is negative or too large.
    /// </summary>
    public static FrameHeader Parse(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new CqlProtocolException($"A frame header is {Size} bytes; only {source.Length} were given.");
        }

        var versionByte = source[0];
        var length = BinaryPrimitives.ReadInt32BigEndian(source.Slice(5, 4));
        if (length < 0 || length > MaxBodyLength)
        {
            throw new CqlProtocolException($"Frame body length {length} is outside 0..{MaxBodyLength}; the stream is corrupt or not CQL.");
        }

        return new FrameHeader(
            (byte)(versionByte & ProtocolVersion.VersionMask),
            (versionByte & ProtocolVersion.ResponseBit) != 0,
            (FrameFlags)source[1],
            BinaryPrimitives.ReadInt16BigEndian(source.Slice(2, 2)),
            (Opcode)source[4],
            length);
    }

    /// <summary>Reads a header and requires protocol v4 and the given direction.</summary>
    public static FrameHeader ParseV4(ReadOnlySpan<byte> source, bool expectResponse)
    {
        var header = Parse(source);
        if (header.Version != ProtocolVersion.V4)
        {
            throw new CqlProtocolException($"Frame has protocol version {header.Version} (version byte 0x{header.VersionByte:x2}); only v4 is supported.");
        }

        if (header.IsResponse != expectResponse)
        {
            throw new CqlProtocolException(expectResponse
                ? "Expected a response frame (version byte 0x84) but got a request frame."
                : "Expected a request frame (version byte 0x04) but got a response frame.");
        }

        return header;
    }

    /// <summary>Writes the 9 header bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A frame header needs {Size} bytes.", nameof(destination));
        }

        destination[0] = VersionByte;
        destination[1] = (byte)Flags;
        BinaryPrimitives.WriteInt16BigEndian(destination.Slice(2, 2), StreamId);
        destination[4] = (byte)Opcode;
        BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5, 4), BodyLength);
    }

    public bool Equals(FrameHeader other)
        => Version == other.Version && IsResponse == other.IsResponse && Flags == other.Flags
           && StreamId == other.StreamId && Opcode == other.Opcode && BodyLength == other.BodyLength;

    public override bool Equals(object? obj) => obj is FrameHeader other && Equals(other);

    public override int GetHashCode() => (VersionByte << 24) ^ ((byte)Flags << 16) ^ StreamId ^ ((int)Opcode << 8) ^ BodyLength;

    public override string ToString()
        => $"v{Version} {(IsResponse ? "response" : "request")} stream={StreamId} {Opcode} flags={Flags} length={BodyLength}";
}
