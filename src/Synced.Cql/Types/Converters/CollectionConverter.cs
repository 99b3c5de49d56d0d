using System;
using System.Collections;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// list, set and map: an [int] count, then the elements (a map's as key, value, key, value, ...). A list or set
/// reads as a <see cref="List{T}"/> of object, a map as a list of key/value pairs in the order sent; writing takes
/// any enumerable (a map: a dictionary or key/value pairs). Collections hold no null elements.
/// </summary>
internal sealed class CollectionConverter : ContainerConverter
{
    public static readonly CollectionConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        var countAt = writer.Length;
        writer.WriteInt(0);
        var count = type.Code == CqlTypeCode.Map ? WriteMapEntries(type, value, writer) : WriteElements(type, value, writer);
        writer.PatchInt(countAt, count);
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var count = reader.Remaining >= 4 ? reader.ReadInt() : -1;
        if (count < 0 || count > reader.Remaining / 4)
        {
            throw new CqlCodecException($"A {type} value has a bad element count.");
        }

        object result;
        if (type.Code == CqlTypeCode.Map)
        {
            var pairs = new List<KeyValuePair<object?, object?>>(Math.Min(count, 4096));
            for (var i = 0; i < count; i++)
            {
                var key = ReadElement(type.KeyType, ref reader);
                var value = ReadElement(type.ValueType, ref reader);
                pairs.Add(new KeyValuePair<object?, object?>(key, value));
            }

            result = pairs;
        }
        else
        {
            var list = new List<object?>(Math.Min(count, 4096));
            var element = type.ElementType;
            for (var i = 0; i < count; i++)
            {
                list.Add(ReadElement(element, ref reader));
            }

            result = list;
        }

        RequireEnd(type, ref reader);
        return result;
    }

    private static int WriteElements(CqlType type, object value, FrameWriter writer)
    {
        if (value is string || value is byte[] || value is not IEnumerable items)
        {
            throw WrongType(type, value);
        }

        var element = type.ElementType;
        var count = 0;
        foreach (var item in items)
        {
            WriteElement(type, element, item, writer);
            count++;
        }

        return count;
    }

    private static int WriteMapEntries(CqlType type, object value, FrameWriter writer)
    {
        var count = 0;
        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    WriteEntry(type, entry.Key, entry.Value, writer);
                    count++;
                }

                break;
            case IEnumerable<KeyValuePair<object?, object?>> pairs:
                foreach (var pair in pairs)
                {
                    WriteEntry(type, pair.Key, pair.Value, writer);
                    count++;
                }

                break;
            case IEnumerable other when value is not string:
                foreach (var item in other)
                {
                    // A KeyValuePair<K, V> of any other K and V.
                    var pairType = item?.GetType();
                    if (pairType == null || !pairType.IsGenericType || pairType.GetGenericTypeDefinition() != typeof(KeyValuePair<,>))
                    {
                        throw WrongType(type, value);
                    }

                    WriteEntry(type, pairType.GetProperty("Key")!.GetValue(item), pairType.GetProperty("Value")!.GetValue(item), writer);
                    count++;
                }

                break;
            default:
                throw WrongType(type, value);
        }

        return count;
    }

    private static void WriteEntry(CqlType map, object? key, object? value, FrameWriter writer)
    {
        WriteElement(map, map.KeyType, key, writer);
        WriteElement(map, map.ValueType, value, writer);
    }

    private static void WriteElement(CqlType collection, CqlType element, object? item, FrameWriter writer)
    {
        if (item == null || item is CqlUnset)
        {
            throw new CqlCodecException($"A {collection} cannot contain null or unset elements.");
        }

        writer.WriteValue(element, item);
    }
}
