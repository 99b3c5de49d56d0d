using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>term</c> and <c>terms</c>: exact values (on text fields, against the analyzed tokens).</summary>
internal sealed class TermQuery : FieldQuery
{
    private readonly JsonElement[] _values;
    private readonly bool _caseInsensitive;
    // Read for every document a search examines (by several threads on a large shard): a lookup without a lock.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IndexState, HashSet<FieldValue>> _converted = new();

    public TermQuery(string field, IEnumerable<JsonElement> values, bool caseInsensitive = false) : base(field)
    {
        _values = values.Select(v => v.Clone()).ToArray();
        _caseInsensitive = caseInsensitive;
    }

    public override bool Matches(in SearchDocument doc)
    {
        var mapping = MappingFor(doc.Index);
        if (mapping is null || mapping.IsObject || !mapping.Index) return false;
        var wanted = Converted(doc.Index, mapping);
        if (wanted.Count == 0) return false;
        foreach (var v in ValuesOf(doc, Field, mapping))
        {
            if (mapping.IsText)
            {
                foreach (var token in SearchDocument.Analyze(v.String!))
                    if (wanted.Contains(FieldValue.FromString(token))) return true;
                continue;
            }
            if (_caseInsensitive && v.Kind == FieldValueKind.String)
            {
                if (wanted.Contains(FieldValue.FromString(v.String!.ToLowerInvariant()))) return true;
                continue;
            }
            if (wanted.Contains(v)) return true;
        }
        return false;
    }

    private HashSet<FieldValue> Converted(IndexState index, FieldMapping mapping)
    {
        if (_converted.TryGetValue(index, out var known)) return known;
        var set = new HashSet<FieldValue>();
        foreach (var raw in _values)
        {
            if (!mapping.TryConvert(raw, out var v, out var failure))
            {
                if (mapping.IsNumeric || mapping.IsDate || mapping.Type == "boolean" || mapping.Type == "ip")
                    throw new EsException(400, "query_shard_exception", $"failed to create query: {failure}", index.Name) { IndexUuid = index.Uuid };
                continue;
            }
            if (v.Kind == FieldValueKind.String && _caseInsensitive) v = FieldValue.FromString(v.String!.ToLowerInvariant());
            set.Add(v);
            // Whole numbers and decimals compare by value.
            if (v.Kind == FieldValueKind.Long) set.Add(FieldValue.FromDouble(v.Long));
            if (v.Kind == FieldValueKind.Double && Math.Floor(v.Double) == v.Double && Math.Abs(v.Double) < 9e18) set.Add(FieldValue.FromLong((long)v.Double));
        }
        // Two threads may work it out at once: the same set either way.
        return _converted.GetOrAdd(index, set);
    }
}
