using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// Converts the values of one family of CQL types between their bytes (the inside of a [value], without its
/// length) and .NET values. <see cref="TypeCodec"/> picks the converter by the type's code. Reading gives the one
/// .NET type a CQL type maps to; writing also takes other .NET types where the conversion is exact.
/// </summary>
internal abstract class ValueConverter
{
    /// <summary>Writes a non-null value (no length prefix) at the writer's position.</summary>
    public abstract void Write(CqlType type, object value, FrameWriter writer);

    /// <summary>Reads the bytes of a non-null value.</summary>
    public abstract object? Read(CqlType type, ReadOnlyMemory<byte> bytes);

    /// <summary>
    /// Whether empty bytes read as null without being decoded: Cassandra allows an empty value for a fixed-size
    /// type. Text and blobs read them as an empty value, varint as zero.
    /// </summary>
    public virtual bool ReadsEmptyAsNull(CqlType type) => true;

    protected static CqlCodecException WrongType(CqlType type, object value)
        => new($"Cannot write a {value.GetType().FullName} value as CQL type {type}.");

    protected static CqlCodecException OutOfRange(CqlType type, object value)
        => new($"The value {value} is out of range for CQL type {type}.");

    /// <summary>Throws unless a fixed-size value has exactly its size.</summary>
    protected static void Expect(CqlType type, ReadOnlySpan<byte> span, int size)
    {
        if (span.Length != size)
        {
            throw new CqlCodecException($"A {type} value is {size} bytes; got {span.Length}.");
        }
    }
}
