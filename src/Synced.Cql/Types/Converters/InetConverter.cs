using System;
using System.Net;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>inet as <see cref="IPAddress"/>: its 4 (IPv4) or 16 (IPv6) address bytes.</summary>
internal sealed class InetConverter : ValueConverter
{
    public static readonly InetConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
        => writer.WriteRaw((value as IPAddress ?? throw WrongType(type, value)).GetAddressBytes());

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        if (span.Length != 4 && span.Length != 16)
        {
            throw new CqlCodecException($"An inet value is 4 or 16 bytes; got {span.Length}.");
        }

        return new IPAddress(span.ToArray());
    }
}
