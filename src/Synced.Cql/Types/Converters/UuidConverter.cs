using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>uuid and timeuuid as <see cref="Guid"/> (16 bytes in RFC 4122 order); a timeuuid must be version 1.</summary>
internal sealed class UuidConverter : ValueConverter
{
    public static readonly UuidConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        var guid = value is Guid g ? g : throw WrongType(type, value);
        if (type.Code == CqlTypeCode.Timeuuid && TimeUuid.GetVersion(guid) != 1)
        {
            throw new CqlCodecException($"{guid} is a version {TimeUuid.GetVersion(guid)} UUID; a timeuuid column needs version 1.");
        }

        writer.WriteUuid(guid);
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        Expect(type, span, 16);
        return UuidBytes.Read(span);
    }
}
