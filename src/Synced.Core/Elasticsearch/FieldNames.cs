using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The field names of the documents of one page, each made a string once: documents of a table share their names,
/// usually in the same order, so a name is found by comparing the property's UTF-8 with the name expected next.
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
}
