using System;
using System.Collections;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Types.Converters;

/// <summary>
/// A user-defined type as <see cref="CqlUdtValue"/>: its fields in declaration order, each a [value] (null
/// allowed). Writing takes a <see cref="CqlUdtValue"/>, name/value pairs or a dictionary keyed by field name;
/// fields not given are null. A value that ends early (the type gained fields since) reads the rest as null.
/// </summary>
internal sealed class UdtConverter : ContainerConverter
{
    public static readonly UdtConverter Instance = new();

    public override void Write(CqlType type, object value, FrameWriter writer)
    {
        var values = new object?[type.Fields.Count];
        void Set(string name, object? fieldValue)
        {
            var index = type.IndexOfField(name);
            if (index < 0)
            {
                throw new CqlCodecException($"The type {type.Name} has no field '{name}'.");
            }

            values[index] = fieldValue;
        }

        switch (value)
        {
            case CqlUdtValue udt:
                foreach (var field in udt)
                {
                    Set(field.Key, field.Value);
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                foreach (var field in fields)
                {
                    Set(field.Key, field.Value);
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Set(entry.Key as string ?? throw WrongType(type, value), entry.Value);
                }

                break;
            default:
                throw WrongType(type, value);
        }

        for (var i = 0; i < values.Length; i++)
        {
            writer.WriteValue(type.Fields[i].Type, values[i]);
        }
    }

    public override object? Read(CqlType type, ReadOnlyMemory<byte> bytes)
    {
        var reader = new FrameReader(bytes);
        var value = new CqlUdtValue(type);
        for (var i = 0; i < type.Fields.Count && reader.Remaining > 0; i++)
        {
            value.SetValue(i, ReadElement(type.Fields[i].Type, ref reader));
        }

        RequireEnd(type, ref reader);
        return value;
    }
}
