using System;
using System.Collections.Generic;

namespace Synced.Core.Model;

/// <summary>
/// The field names of entries read from one source shape (the columns of a page, the properties of documents alike),
/// made once and shared by those entries' <see cref="EntryFields"/>: an entry then holds only its values.
/// </summary>
public sealed class FieldLayout
{
    /// <summary>Up to this many names are looked up by comparing; more get a dictionary.</summary>
    private const int LinearLookupLimit = 8;

    private readonly string[] _names;
    private readonly Dictionary<string, int>? _indexes;

    /// <summary>Creates a layout of distinct names, in the order the values come.</summary>
    /// <exception cref="ArgumentException">A name is null or given twice.</exception>
    public FieldLayout(IReadOnlyList<string> names)
    {
        if (names is null) throw new ArgumentNullException(nameof(names));
        _names = new string[names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            var name = names[i] ?? throw new ArgumentException($"field name {i} is null", nameof(names));
            if (!seen.Add(name)) throw new ArgumentException($"field '{name}' is named twice", nameof(names));
            _names[i] = name;
        }
        if (_names.Length > LinearLookupLimit)
        {
            _indexes = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
            for (var i = 0; i < _names.Length; i++) _indexes[_names[i]] = i;
        }
    }

    /// <summary>How many fields.</summary>
    public int Count => _names.Length;

    /// <summary>The name of field <paramref name="index"/>.</summary>
    public string this[int index] => _names[index];

    /// <summary>The position of a field, or -1.</summary>
    public int IndexOf(string name)
    {
        if (name is null) return -1;
        if (_indexes is not null) return _indexes.TryGetValue(name, out var index) ? index : -1;
        for (var i = 0; i < _names.Length; i++)
            if (string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>True when the layout has exactly these names in this order (compared by reference first: shared strings match at once).</summary>
    internal bool Matches(List<string> names)
    {
        if (names.Count != _names.Length) return false;
        for (var i = 0; i < _names.Length; i++)
            if (!ReferenceEquals(names[i], _names[i]) && !string.Equals(names[i], _names[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
