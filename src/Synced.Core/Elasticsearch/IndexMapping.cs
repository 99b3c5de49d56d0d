using System;
using System.Collections.Generic;
using System.Text.Json;
using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>The mapping of one concrete index as <c>GET /&lt;target&gt;/_mapping</c> returns it.</summary>
internal sealed class IndexMapping
{
    private IndexMapping(string index, IReadOnlyList<MappedField> fields, IReadOnlyList<string> metaTables, bool sourceEnabled = true,
        IReadOnlyList<string>? sourceIncludes = null, IReadOnlyList<string>? sourceExcludes = null)
    {
        Index = index;
        Fields = fields;
        MetaTables = metaTables;
        SourceEnabled = sourceEnabled;
        SourceIncludes = sourceIncludes ?? Array.Empty<string>();
        SourceExcludes = sourceExcludes ?? Array.Empty<string>();
    }

    /// <summary>False when the mapping disables <c>_source</c> (<c>"_source": {"enabled": false}</c>).</summary>
    public bool SourceEnabled { get; }

    /// <summary>The mapping's <c>_source.includes</c>: when any, only those paths of a document are stored.</summary>
    public IReadOnlyList<string> SourceIncludes { get; }

    /// <summary>The mapping's <c>_source.excludes</c>: paths cut from every stored document.</summary>
    public IReadOnlyList<string> SourceExcludes { get; }

    public string Index { get; }

    public IReadOnlyList<MappedField> Fields { get; }

    /// <summary>The table names Synced recorded in <c>_meta</c> when it created the index or added a table.</summary>
    public IReadOnlyList<string> MetaTables { get; }

    public MappedField? Find(string name)
    {
        foreach (var field in Fields)
            if (string.Equals(field.Name, name, StringComparison.Ordinal)) return field;
        return null;
    }

    /// <summary>Reads every index of a <c>_mapping</c> answer (typeless 7.x/8.x form; a 6.x-style type level is stepped into).</summary>
    public static List<IndexMapping> ParseResponse(byte[] body)
    {
        var result = new List<IndexMapping>();
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return result;
        foreach (var index in document.RootElement.EnumerateObject())
        {
            if (index.Value.ValueKind != JsonValueKind.Object || !index.Value.TryGetProperty("mappings", out var mappings)
                || mappings.ValueKind != JsonValueKind.Object)
            {
                result.Add(new IndexMapping(index.Name, Array.Empty<MappedField>(), Array.Empty<string>()));
                continue;
            }
            if (!mappings.TryGetProperty("properties", out _))
            {
                // An old-style mapping with one type level: {"_doc": {"properties": ..}}.
                foreach (var typeLevel in mappings.EnumerateObject())
                    if (typeLevel.Value.ValueKind == JsonValueKind.Object && typeLevel.Value.TryGetProperty("properties", out _))
                    {
                        mappings = typeLevel.Value;
                        break;
                    }
            }
            var (enabled, includes, excludes) = ReadSource(mappings);
            result.Add(new IndexMapping(index.Name, ReadFields(mappings), ReadMetaTables(mappings), enabled, includes, excludes));
        }
        return result;
    }

    private static List<MappedField> ReadFields(JsonElement mappings)
    {
        var fields = new List<MappedField>();
        if (!mappings.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object) return fields;
        foreach (var property in properties.EnumerateObject())
        {
            var definition = property.Value;
            if (definition.ValueKind != JsonValueKind.Object) continue;
            // A field with only "properties" (or nothing) is an object.
            var type = definition.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? ElasticsearchFieldType.FromName(t.GetString()!)
                : ElasticsearchFieldType.Object;
            if (type == ElasticsearchFieldType.DenseVector && definition.TryGetProperty("dims", out var dims) && dims.TryGetInt32(out var n) && n > 0)
                type = type.WithDimensions(n);
            var keywordSubfield = false;
            if (definition.TryGetProperty("fields", out var multiFields) && multiFields.ValueKind == JsonValueKind.Object)
                foreach (var sub in multiFields.EnumerateObject())
                    if (sub.Value.ValueKind == JsonValueKind.Object && sub.Value.TryGetProperty("type", out var subType)
                        && subType.ValueKind == JsonValueKind.String && subType.GetString() == ElasticsearchFieldType.Keyword.Name)
                        keywordSubfield = true;
            var format = definition.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            fields.Add(new MappedField(property.Name, type, keywordSubfield, format));
        }
        return fields;
    }

    private static (bool Enabled, List<string> Includes, List<string> Excludes) ReadSource(JsonElement mappings)
    {
        var enabled = true;
        var includes = new List<string>();
        var excludes = new List<string>();
        if (mappings.TryGetProperty("_source", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            if (source.TryGetProperty("enabled", out var e))
                enabled = !(e.ValueKind == JsonValueKind.False || (e.ValueKind == JsonValueKind.String && e.GetString() == "false"));
            Paths(source, "includes", includes);
            Paths(source, "excludes", excludes);
        }
        return (enabled, includes, excludes);

        static void Paths(JsonElement source, string name, List<string> into)
        {
            if (!source.TryGetProperty(name, out var list)) return;
            if (list.ValueKind == JsonValueKind.String) into.Add(list.GetString()!);
            else if (list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) into.Add(item.GetString()!);
        }
    }

    private static List<string> ReadMetaTables(JsonElement mappings)
    {
        var tables = new List<string>();
        if (mappings.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty(ContractCheck.MetaTablesKey, out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) tables.Add(item.GetString()!);
        return tables;
    }
}
