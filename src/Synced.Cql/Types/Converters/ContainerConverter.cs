using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// The framing shared by values made of other values (list, set, map, tuple, UDT): each element is a [value]
/// (an [int] length, -1 for null, then its bytes), and nothing may follow the last one.
/// </summary>
internal abstract class ContainerConverter : ValueConverter
{
    /// <summary>Reads one [value] element and decodes it as <paramref name="type"/>; null for a negative length.</summary>
    protected static object? ReadElement(CqlType type, ref FrameReader reader)
    {
        int length;
        ReadOnlyMemory<byte> element;
        try
        {
            length = reader.ReadBytesSlice(out element);
        }
        catch (CqlProtocolException ex)
        {
            throw new CqlCodecException($"A {type} element is malformed: {ex.Message}", ex);
        }

        return length < 0 ? null : TypeCodec.Deserialize(type, element);
    }

    /// <summary>Throws when bytes are left over after the last element.</summary>
    protected static void RequireEnd(CqlType type, ref FrameReader reader)
    {
        if (reader.Remaining != 0)
        {
            throw new CqlCodecException($"A {type} value has {reader.Remaining} bytes left over after its elements.");
        }
    }
}
