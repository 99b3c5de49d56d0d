using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// blob and custom types as <c>byte[]</c>; writing also takes <see cref="ReadOnlyMemory{T}"/>,
/// <see cref="Memory{T}"/> and <see cref="ArraySegment{T}"/> of bytes.
/// </summary>
internal sealed class BlobConverter : ValueConverter
{
    public static readonly BlobConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer) => writer.WriteRaw(ToBytes(type, value));

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes) => bytes.Span.ToArray();

    public override bool ReadsEmptyAsNull(CqlType type) => false;

    private static ReadOnlySpan<byte> ToBytes(CqlType type, object value)
    {
        switch (value)
        {
            case byte[] array: return array;
            case ReadOnlyMemory<byte> memory: return memory.Span;
            case Memory<byte> memory: return memory.Span;
            case ArraySegment<byte> segment: return new ReadOnlySpan<byte>(segment.Array, segment.Offset, segment.Count);
            default: throw WrongType(type, value);
        }
    }
}
