using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The field names of the documents of one page, each made a string once: documents of a table share their names,
/// usually in the same order, so a name is found by comparing the property's UTF-8 with the name expected next. The
/// documents' entries share their <see cref="FieldLayout"/> too. Not thread-safe: one per page being read.
/// </summary>
internal sealed class FieldNames
{
    /// <summary>Names beyond this many are not remembered (a page of documents with ever new names).</summary>
    private const int Capacity = 64;

    private readonly List<(string Name, byte[] Utf8)> _known = new();
    private int _next;

    /// <summary>The name of <paramref name="property"/>, as the string made the first time it was met.</summary>
    public string Of(JsonProperty property)
    {
        for (var tried = 0; tried < _known.Count; tried++)
        {
            var at = (_next + tried) % _known.Count;
            if (property.NameEquals(_known[at].Utf8))
            {
                _next = at + 1;
                return _known[at].Name;
            }
        }
        var name = property.Name;
        if (_known.Count < Capacity)
        {
            _known.Add((name, Encoding.UTF8.GetBytes(name)));
            _next = _known.Count;
        }
        return name;
    }

    private FieldLayout? _lastLayout;

    /// <summary>Names and values of the document being read (see <see cref="Fields"/>).</summary>
    public List<string> Names { get; } = new();

    public List<object?> Values { get; } = new();

    /// <summary>
    /// The fields collected in <see cref="Names"/> and <see cref="Values"/>, under the layout of the documents before when
    /// they had the same names; a name given twice keeps its last value (as a dictionary would). Clears both lists.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Fields()
    {
        try
        {
            var layout = _lastLayout is not null && _lastLayout.Matches(Names) ? _lastLayout : NewLayout();
            if (layout is null)
            {
                var fields = new Dictionary<string, object?>(Names.Count, StringComparer.Ordinal);
                for (var i = 0; i < Names.Count; i++) fields[Names[i]] = Values[i];
                return fields;
            }
            return new EntryFields(layout, Values.ToArray());
        }
        finally
        {
            Names.Clear();
            Values.Clear();
        }
    }

    /// <summary>A layout of the collected names, or null when one is given twice.</summary>
    private FieldLayout? NewLayout()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Names)
            if (!seen.Add(name)) return null;
        return _lastLayout = new FieldLayout(Names);
    }
}
