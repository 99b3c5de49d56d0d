using System;
using System.Collections;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// tuple as <c>object?[]</c>: its components one after the other, each a [value] (null allowed). Writing takes any
/// list with at most as many items as components (missing ones are null); a value that ends early reads the
/// rest as null.
/// </summary>
internal sealed class TupleConverter : ContainerConverter
{
    public static readonly TupleConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        if (value is not IList items || value is byte[])
        {
            throw WrongType(type, value);
        }

        if (items.Count > type.Parameters.Count)
        {
            throw new CqlCodecException($"A {type} has {type.Parameters.Count} components; {items.Count} values were given.");
        }

        for (var i = 0; i < type.Parameters.Count; i++)
        {
            writer.WriteValue(type.Parameters[i], i < items.Count ? items[i] : null);
        }
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var values = new object?[type.Parameters.Count];
        for (var i = 0; i < values.Length && reader.Remaining > 0; i++)
        {
            values[i] = ReadElement(type.Parameters[i], ref reader);
        }

        RequireEnd(type, ref reader);
        return values;
    }
}
