using System;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>exists</c>: the field has at least one indexed value (for objects: a non-empty object).</summary>
internal sealed class ExistsQuery : FieldQuery
{
    public ExistsQuery(string field) : base(field) { }

    public override bool Matches(in SearchDocument doc)
    {
        var mapping = MappingFor(doc.Index);
        if (mapping is null) return false;
        if (mapping.IsObject) return HasNonEmptyObject(doc.Document.Element, Field);
        return ValuesOf(doc, Field, mapping).Length > 0;
    }

    private static bool HasNonEmptyObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                if (HasNonEmptyObject(item, path)) return true;
            return false;
        }
        if (element.ValueKind != JsonValueKind.Object) return false;
        if (path.Length == 0) return element.EnumerateObject().MoveNext();
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name == path && HasNonEmptyObject(p.Value, "")) return true;
            if (path.StartsWith(p.Name + ".", StringComparison.Ordinal) && HasNonEmptyObject(p.Value, path.Substring(p.Name.Length + 1))) return true;
        }
        return false;
    }
}
