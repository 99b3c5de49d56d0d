using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>boolean as <see cref="bool"/>: one byte, any non-zero value reads as true.</summary>
internal sealed class BooleanConverter : ValueConverter
{
    public static readonly BooleanConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
        => writer.WriteByte(value is bool b ? (b ? (byte)1 : (byte)0) : throw WrongType(type, value));

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        Expect(type, span, 1);
        return span[0] != 0;
    }
}
