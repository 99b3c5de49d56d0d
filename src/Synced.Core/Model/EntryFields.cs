using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Synced.Core.Model;

/// <summary>
/// The field values of one entry under a shared <see cref="FieldLayout"/>: a read-only dictionary by name, in the
/// layout's order, that costs one array per entry (a <see cref="Dictionary{TKey,TValue}"/> per entry costs three, and
/// hashes every name). The stores build it for the entries they read; anything else may use any dictionary.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The fields of an entry; a dictionary is how they are read, not what they are.")]
public sealed class EntryFields : IReadOnlyDictionary<string, object?>
{
    private readonly object?[] _values;

    /// <summary>Creates the fields: <paramref name="values"/>[i] is the value of <paramref name="layout"/>[i] (the array is kept, not copied).</summary>
    public EntryFields(FieldLayout layout, object?[] values)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _values = values ?? throw new ArgumentNullException(nameof(values));
        if (values.Length != layout.Count) throw new ArgumentException($"{values.Length} values for {layout.Count} fields", nameof(values));
    }

    /// <summary>The names, shared with the other entries of the same shape.</summary>
    public FieldLayout Layout { get; }

    /// <summary>The value of field <paramref name="index"/> of the layout.</summary>
    public object? ValueAt(int index) => _values[index];

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <inheritdoc />
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the entry has no field '{key}'");

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _values.Length; i++) yield return Layout[i];
        }
    }

    /// <inheritdoc />
    public IEnumerable<object?> Values => _values;

    /// <inheritdoc />
    public bool ContainsKey(string key) => Layout.IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value)
    {
        var index = Layout.IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    /// <summary>The fields in the layout's order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the fields without allocating when used directly.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        private readonly EntryFields _fields;
        private int _index;

        internal Enumerator(EntryFields fields)
        {
            _fields = fields;
            _index = -1;
        }

        /// <inheritdoc />
        public KeyValuePair<string, object?> Current => new(_fields.Layout[_index], _fields._values[_index]);

        object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_index < _fields._values.Length;

        /// <inheritdoc />
        public void Reset() => _index = -1;

        /// <inheritdoc />
        public void Dispose()
        {
        }
    }
}
