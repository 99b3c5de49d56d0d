using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// Cassandra 5.0's <c>vector&lt;T, n&gt;</c>: exactly <see cref="CqlType.Dimensions"/> non-null elements, one after
/// the other; elements of a fixed-size type without a length, others each after its length as an unsigned vint
/// (Cassandra's VectorType). Reads as <c>float[]</c> for <c>vector&lt;float, n&gt;</c>, else as a list of elements.
/// </summary>
internal sealed class VectorConverter : ValueConverter
{
    public static readonly VectorConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        if (value is string || value is byte[] || value is not IEnumerable items)
        {
            throw WrongType(type, value);
        }

        var element = type.ElementType;
        var fixedSize = element.FixedSize;
        var count = 0;
        foreach (var item in items)
        {
            if (item == null || item is CqlUnset)
            {
                throw new CqlCodecException($"Element {count} of a {type} is null; a vector holds no null elements.");
            }

            var bytes = TypeCodec.Serialize(element, item);
            if (fixedSize is int size)
            {
                if (bytes.Length != size)
                {
                    throw new CqlCodecException($"Element {count} of a {type} is {bytes.Length} bytes; a {element} is {size}.");
                }
            }
            else
            {
                var room = writer.GetSpan(VInt.MaxSize);
                writer.Advance(VInt.WriteUnsigned((ulong)bytes.Length, room));
            }

            writer.WriteRaw(bytes);
            count++;
        }

        if (count != type.Dimensions)
        {
            throw new CqlCodecException($"A {type} has exactly {type.Dimensions} elements; the value has {count}.");
        }
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var element = type.ElementType;
        var fixedSize = element.FixedSize;
        var span = bytes.Span;
        if (fixedSize is int size && span.Length != size * type.Dimensions)
        {
            throw new CqlCodecException($"A {type} value is {size * type.Dimensions} bytes; got {span.Length}.");
        }

        if (element.Code == CqlTypeCode.Float)
        {
            var floats = new float[type.Dimensions];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = NumberConverter.BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(span.Slice(4 * i)));
            }

            return floats;
        }

        var list = new List<object?>(type.Dimensions);
        var position = 0;
        for (var i = 0; i < type.Dimensions; i++)
        {
            var length = fixedSize ?? ReadElementLength(type, span, i, ref position);
            list.Add(TypeCodec.Deserialize(element, bytes.Slice(position, length)));
            position += length;
        }

        if (position != span.Length)
        {
            throw new CqlCodecException($"A {type} value has {span.Length - position} bytes left over after its {type.Dimensions} elements.");
        }

        return list;
    }

    /// <summary>The unsigned vint length before element <paramref name="index"/> of a variable-size element type.</summary>
    private static int ReadElementLength(CqlType type, ReadOnlySpan<byte> span, int index, ref int position)
    {
        int read;
        ulong declared;
        try
        {
            read = VInt.ReadUnsigned(span.Slice(position), out declared);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is IndexOutOfRangeException || ex is CqlCodecException)
        {
            throw new CqlCodecException($"Element {index} of a {type} value has a malformed length.", ex);
        }

        position += read;
        if (declared > (ulong)(span.Length - position))
        {
            throw new CqlCodecException($"Element {index} of a {type} value claims {declared} bytes; {span.Length - position} remain.");
        }

        return (int)declared;
    }
}
