using System;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Connections;

/// <summary>A response frame with its optional prefix (tracing id, warnings, custom payload) already read.</summary>
internal sealed class CqlResponse
{
    private static readonly IReadOnlyList<string> NoWarnings = Array.Empty<string>();

    public CqlResponse(FrameHeader header, byte[] body)
    {
        Header = header;
        Body = body;
        var reader = new FrameReader(body);
        if ((header.Flags & FrameFlags.Tracing) != 0)
        {
            TracingId = reader.ReadUuid();
        }

        if ((header.Flags & FrameFlags.Warning) != 0)
        {
            Warnings = reader.ReadStringList();
        }

        if ((header.Flags & FrameFlags.CustomPayload) != 0)
        {
            CustomPayload = reader.ReadBytesMap();
        }

        BodyStart = reader.Position;
    }

    public FrameHeader Header { get; }

    public byte[] Body { get; }

    /// <summary>Offset of the message proper, after the optional prefix.</summary>
    public int BodyStart { get; }

    public Guid? TracingId { get; }

    public IReadOnlyList<string> Warnings { get; } = NoWarnings;

    public IReadOnlyDictionary<string, byte[]?>? CustomPayload { get; }

    public string Host { get; set; } = string.Empty;

    /// <summary>A reader positioned at the message proper.</summary>
    public FrameReader CreateReader()
    {
        var reader = new FrameReader(Body) { Position = BodyStart };
        return reader;
    }
}
