using System;

namespace Synced.Cql.Protocol;

/// <summary>
/// A [value] as it travels: serialized bytes, null (length -1) or unset (length -2). Servers read bound values
/// as these; clients may pass pre-serialized values this way.
/// </summary>
internal readonly struct RawValue
{
    private RawValue(int length, ReadOnlyMemory<byte> bytes)
    {
        Length = length;
        Bytes = bytes;
    }

    /// <summary>-1 null, -2 unset, otherwise the number of bytes.</summary>
    public int Length { get; }

    /// <summary>The serialized value (empty for null and unset).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsNull => Length == -1;

    public bool IsUnset => Length == -2;

    public static RawValue Null => new(-1, ReadOnlyMemory<byte>.Empty);

    public static RawValue Unset => new(-2, ReadOnlyMemory<byte>.Empty);

    public static RawValue FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes.Length, bytes);

    /// <summary>Reads a [value].</summary>
    public static RawValue Read(ref FrameReader reader)
    {
        var length = reader.ReadBytesSlice(out var bytes);
        return new RawValue(length, bytes);
    }

    /// <summary>Writes this [value].</summary>
    public void WriteTo(FrameWriter writer)
    {
        if (Length < 0)
        {
            writer.WriteInt(Length);
        }
        else
        {
            writer.WriteBytes(Bytes.Span);
        }
    }

    public override string ToString() => IsNull ? "null" : IsUnset ? "unset" : $"{Length} bytes";
}
