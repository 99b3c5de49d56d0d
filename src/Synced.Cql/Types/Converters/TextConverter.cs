using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>ascii and text (varchar) as <see cref="string"/>: UTF-8 bytes; an ascii value must be 7-bit.</summary>
internal sealed class TextConverter : ValueConverter
{
    public static readonly TextConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        var text = value as string ?? throw WrongType(type, value);
        if (type.Code == CqlTypeCode.Ascii)
        {
            foreach (var c in text)
            {
                if (c > 0x7F)
                {
                    throw new CqlCodecException($"The ascii value contains the non-ASCII character U+{(int)c:X4}; use a text column.");
                }
            }
        }

        writer.WriteUtf8(text);
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes) => FrameReader.Decode(bytes);

    public override bool ReadsEmptyAsNull(CqlType type) => false;
}
