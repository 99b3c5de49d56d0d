using System;
using System.Collections;
using System.Collections.Generic;

namespace Synced.Cql.Types;

/// <summary>A value of a user-defined type: its fields in declaration order, by name or position.</summary>
public sealed class CqlUdtValue : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly string[] _names;
    private readonly object?[] _values;

    /// <summary>A value with every field of <paramref name="type"/>, all null, to fill in by name.</summary>
    public CqlUdtValue(CqlType type)
    {
        if (type.Code != CqlTypeCode.Udt)
        {
            throw new ArgumentException($"{type} is not a user-defined type.", nameof(type));
        }

        Type = type;
        _names = new string[type.Fields.Count];
        _values = new object?[type.Fields.Count];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = type.Fields[i].Name;
        }
    }

    /// <summary>The UDT this value belongs to.</summary>
    public CqlType Type { get; }

    public int Count => _values.Length;

    /// <summary>Field by position.</summary>
    public KeyValuePair<string, object?> this[int index] => new(_names[index], _values[index]);

    /// <summary>Field value by name; setting an unknown field throws.</summary>
    public object? this[string name]
    {
        get => _values[IndexOf(name)];
        set => _values[IndexOf(name)] = value;
    }

    /// <summary>Field value by position.</summary>
    public object? GetValue(int index) => _values[index];

    /// <summary>Sets a field by position.</summary>
    public void SetValue(int index, object? value) => _values[index] = value;

    private int IndexOf(string name)
    {
        var index = Array.IndexOf(_names, name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"The type {Type.Name} has no field '{name}'.");
        }

        return index;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var parts = new string[_values.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = _names[i] + ": " + (_values[i] ?? "null");
        }

        return "{" + string.Join(", ", parts) + "}";
    }
}
