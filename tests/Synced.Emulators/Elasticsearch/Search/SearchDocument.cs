using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>A document as a query sees it: the stored version plus its index, with field value extraction.</summary>
internal readonly struct SearchDocument
{
    public SearchDocument(IndexState index, StoredDocument document, int shardIndex)
    {
        Index = index;
        Document = document;
        ShardIndex = shardIndex;
    }

    public IndexState Index { get; }
    public StoredDocument Document { get; }

    /// <summary>Position of the document's index in the search's target list (the "shard" of _shard_doc).</summary>
    public int ShardIndex { get; }

    /// <summary>The indexed values of a field (as doc values hold them), converted by the field's mapping.</summary>
    public void CollectValues(string field, FieldMapping mapping, List<FieldValue> into) => into.AddRange(Values(field, mapping));

    /// <summary>The indexed values of a field, extracted once per document version and then cached.</summary>
    public FieldValue[] Values(string field, FieldMapping mapping)
    {
        var cached = Document.CachedValues(field);
        if (cached is not null) return cached;
        var raw = new List<JsonElement>(1);
        // A flattened field indexes every leaf value of its object (its keyed sub-fields only those at their key).
        var everyLeaf = mapping.IsFlattened && !ReferenceEquals(mapping, FieldMapping.FlattenedKey);
        Collect(Document.Element, Index.Mapping.SourcePath(field), raw, everyLeaf);
        var values = new List<FieldValue>(raw.Count);
        foreach (var e in raw)
        {
            if (!mapping.TryConvert(e, out var v, out _) || v.IsMissing) continue;
            if (mapping.IgnoreAbove is { } limit && v.Kind == FieldValueKind.String && v.String!.Length > limit) continue;
            values.Add(v);
        }
        var result = values.Count == 0 ? Array.Empty<FieldValue>() : values.ToArray();
        Document.CacheValues(field, result);
        return result;
    }

    /// <summary>The raw JSON scalars found at a dotted path (arrays flattened, dotted keys understood).</summary>
    public void CollectRaw(string path, List<JsonElement> into) => Collect(Document.Element, path, into, everyLeaf: false);

    private static void Collect(JsonElement element, string path, List<JsonElement> into, bool everyLeaf)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, path, into, everyLeaf);
                return;
            case JsonValueKind.Object:
                if (path.Length == 0)
                {
                    if (everyLeaf)
                        foreach (var p in element.EnumerateObject()) Collect(p.Value, "", into, everyLeaf);
                    return;
                }
                if (!path.Contains('.'))
                {
                    // A plain name can only match a key exactly: compared as UTF-8, without making a string of every key.
                    foreach (var p in element.EnumerateObject())
                        if (p.NameEquals(path)) Collect(p.Value, "", into, everyLeaf);
                    return;
                }
                foreach (var p in element.EnumerateObject())
                {
                    var name = p.Name;
                    if (path.Length == name.Length && string.Equals(path, name, StringComparison.Ordinal))
                    {
                        Collect(p.Value, "", into, everyLeaf);
                    }
                    else if (path.Length > name.Length && path[name.Length] == '.' && path.StartsWith(name, StringComparison.Ordinal))
                    {
                        Collect(p.Value, path.Substring(name.Length + 1), into, everyLeaf);
                    }
                }
                return;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return;
            default:
                if (path.Length == 0) into.Add(element);
                return;
        }
    }

    /// <summary>Splits text as the standard analyzer does (letters and digits, lower-cased).</summary>
    public static IEnumerable<string> Analyze(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWord && start < 0) start = i;
            else if (!isWord && start >= 0)
            {
                yield return text.Substring(start, i - start).ToLowerInvariant();
                start = -1;
            }
        }
    }
}
