using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The mapping of one index: its field tree, dynamic-mapping rules and a flat path lookup for searches.
/// Changed only under the owning index's write lock; the flat lookup is safe to read concurrently.
/// </summary>
internal sealed class IndexMapping
{
    private readonly SortedDictionary<string, FieldMapping> _properties = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonElement> _rootParameters = new(StringComparer.Ordinal);
    private volatile Dictionary<string, FieldMapping> _flat = new(StringComparer.Ordinal);
    private volatile Dictionary<string, string> _sourcePaths = new(StringComparer.Ordinal);
    private readonly IndexSettings _settings;

    public IndexMapping(IndexSettings settings) => _settings = settings;

    /// <summary>true, false, strict or runtime, as the root <c>dynamic</c> parameter.</summary>
    public string Dynamic { get; private set; } = "true";
    public bool DateDetection { get; private set; } = true;
    public bool NumericDetection { get; private set; }

    /// <summary>
    /// The field at a dotted path (multi-fields included), or null when unmapped. A path below a <c>flattened</c>
    /// field is one of its keyed sub-fields (keyword semantics on the leaf values at that key).
    /// </summary>
    public FieldMapping? Find(string path)
    {
        var flat = _flat;
        if (flat.TryGetValue(path, out var f)) return f;
        for (var dot = path.LastIndexOf('.'); dot > 0; dot = path.LastIndexOf('.', dot - 1))
            if (flat.TryGetValue(path.Substring(0, dot), out var parent))
                return parent.IsFlattened ? FieldMapping.FlattenedKey : null;
        return null;
    }

    /// <summary>Where a field's values come from in the source: a multi-field reads its parent's value.</summary>
    public string SourcePath(string path) => _sourcePaths.TryGetValue(path, out var s) ? s : path;

    public bool IsEmpty => _properties.Count == 0 && _rootParameters.Count == 0;

    /// <summary>The <c>_source</c> mapping: what of each document is stored.</summary>
    public SourceMapping Source { get; private set; } = SourceMapping.Default;

    /// <summary>Checks and applies a mapping body (index creation or PUT _mapping).</summary>
    public void Put(JsonElement body, bool apply = true)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Errors.MapperParsing(null, "Failed to parse mapping: mapping must be an object");
        var root = body;
        // Typed form from 6.x clients: {"_doc": {"properties": ...}}.
        if (body.TryGetProperty("_doc", out var typed) && typed.ValueKind == JsonValueKind.Object) root = typed;

        var updates = new SortedDictionary<string, FieldMapping>(StringComparer.Ordinal);
        string? dynamic = null;
        bool? dateDetection = null, numericDetection = null;
        SourceMapping? source = null;
        var parameters = new List<KeyValuePair<string, JsonElement>>();
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "properties":
                    updates = FieldMapping.ParseProperties(p.Value);
                    break;
                case "dynamic":
                    dynamic = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                    if (dynamic is not ("true" or "false" or "strict" or "runtime"))
                        throw Errors.MapperParsing(null, $"Failed to parse mapping: Could not convert [dynamic] to boolean");
                    break;
                case "date_detection":
                    dateDetection = p.Value.ValueKind == JsonValueKind.True || p.Value.GetRawText() == "\"true\"";
                    break;
                case "numeric_detection":
                    numericDetection = p.Value.ValueKind == JsonValueKind.True || p.Value.GetRawText() == "\"true\"";
                    break;
                case "_source":
                    source = SourceMapping.Parse(p.Value);
                    parameters.Add(new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone()));
                    break;
                case "_meta":
                case "_routing":
                case "dynamic_templates":
                case "dynamic_date_formats":
                case "runtime":
                case "_field_names":
                    parameters.Add(new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone()));
                    break;
                default:
                    throw Errors.MapperParsing(null, $"Root mapping definition has unsupported parameters:  [{p.Name} : {p.Value.GetRawText()}]");
            }
        }

        foreach (var (name, field) in updates)
            if (_properties.TryGetValue(name, out var existing)) existing.CheckMergeable(name, field);
        var newObjects = new List<string>();
        var added = CountNew(_properties, updates, "", newObjects);
        var limitFailure = LimitFailure(added, newObjects, dynamicUpdate: false);
        if (limitFailure is not null) throw Errors.IllegalArgument(limitFailure);
        if (!apply) return;
        foreach (var (name, field) in updates)
        {
            if (_properties.TryGetValue(name, out var existing)) existing.Merge(field);
            else _properties[name] = field;
        }
        if (source is not null) Source = source;
        if (dynamic is not null) Dynamic = dynamic;
        if (dateDetection is not null) DateDetection = dateDetection.Value;
        if (numericDetection is not null) NumericDetection = numericDetection.Value;
        foreach (var (k, v) in parameters) _rootParameters[k] = v;
        RebuildLookup();
    }

    /// <summary>Writes <c>{"properties":...}</c> and root parameters as GET _mapping shows them.</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Dynamic != "true") w.WriteString("dynamic", Dynamic);
        if (!DateDetection) w.WriteBoolean("date_detection", false);
        if (NumericDetection) w.WriteBoolean("numeric_detection", true);
        foreach (var (k, v) in _rootParameters)
        {
            w.WritePropertyName(k);
            v.WriteTo(w);
        }
        if (_properties.Count > 0)
        {
            w.WritePropertyName("properties");
            FieldMapping.WriteProperties(w, _properties);
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// Parses a document against the mapping: checks every value fits its field and adds dynamic mappings for
    /// new fields (only if the whole document is valid, as ES does). Throws mapper_parsing_exception.
    /// </summary>
    public void ApplyDocument(IndexState index, string id, JsonElement source)
    {
        if (source.ValueKind != JsonValueKind.Object)
            throw Errors.MapperParsing(index, "failed to parse", Errors.BodyParse("[1:1] root value must be an object"));
        // Most documents add no field; the dictionary stays small and short-lived.
        var staged = new Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)>(0, StringComparer.Ordinal);
        WalkObject(index, id, source, prefix: "", _properties, Dynamic, staged);
        if (staged.Count == 0) return;
        var added = 0;
        var newObjects = new List<string>();
        foreach (var (path, (_, _, field)) in staged)
        {
            added += 1 + (field.Fields?.Count ?? 0);
            if (field.IsObject) newObjects.Add(path);
        }
        if (LimitFailure(added, newObjects, dynamicUpdate: true) is { } failure)
        {
            // 7.x fails the dynamic mapping update; 8.x checks while parsing and wraps it as a parsing failure.
            var cause = Errors.IllegalArgument(failure);
            if (_settings.Major < 8) throw cause;
            throw new EsException(400, "document_parsing_exception", $"[1:1] failed to parse: {failure}", index.Name, cause)
            { IndexUuid = index.Uuid, Shard = Errors.Num(index.ShardOf(id)) };
        }
        foreach (var (_, (parent, name, field)) in staged) parent[name] = field;
        RebuildLookup();
    }

    private void WalkObject(IndexState index, string id, JsonElement obj, string prefix,
        SortedDictionary<string, FieldMapping> properties, string dynamic,
        Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)> staged)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name.Length == 0) throw Errors.MapperParsing(index, "field name cannot be an empty string");
            var name = p.Name;
            var value = p.Value;
            var path = prefix + name;
            // A dotted name ("a.b": 1) is an object path, as ES expands it.
            if (name.Contains('.'))
            {
                var dot = name.IndexOf('.');
                if (dot == 0 || dot == name.Length - 1) throw Errors.MapperParsing(index, $"field name cannot contain only whitespace: ['{name}']");
                WalkDotted(index, id, name, value, prefix, properties, dynamic, staged);
                continue;
            }
            WalkValue(index, id, name, path, value, properties, dynamic, staged);
        }
    }

    private void WalkDotted(IndexState index, string id, string dotted, JsonElement value, string prefix,
        SortedDictionary<string, FieldMapping> properties, string dynamic,
        Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)> staged)
    {
        var dot = dotted.IndexOf('.');
        var head = dotted.Substring(0, dot);
        var rest = dotted.Substring(dot + 1);
        var path = prefix + head;
        var obj = Lookup(path, properties, head, staged);
        if (obj is null)
        {
            if (dynamic == "strict") throw Strict(index, head, prefix);
            if (dynamic == "false") return;
            obj = FieldMapping.DynamicObject();
            Stage(staged, path, properties, head, obj);
        }
        else if (!obj.IsObject)
        {
            throw Errors.MapperParsing(index, $"Could not dynamically add mapping for field [{prefix}{dotted}]. Existing mapping for [{path}] must be of type object but found [{obj.Type}].");
        }
        var childDynamic = obj.Dynamic ?? dynamic;
        if (rest.Contains('.')) WalkDotted(index, id, rest, value, path + ".", obj.Properties!, childDynamic, staged);
        else WalkValue(index, id, rest, path + "." + rest, value, obj.Properties!, childDynamic, staged);
    }

    private void WalkValue(IndexState index, string id, string name, string path, JsonElement value,
        SortedDictionary<string, FieldMapping> properties, string dynamic,
        Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)> staged)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) WalkValue(index, id, name, path, item, properties, dynamic, staged);
                return;
        }

        var field = Lookup(path, properties, name, staged);
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (field is null)
            {
                if (dynamic == "strict") throw Strict(index, name, ParentPath(path, name));
                if (dynamic == "false" || dynamic == "runtime") return;
                field = FieldMapping.DynamicObject();
                Stage(staged, path, properties, name, field);
            }
            if (field.IsObject)
            {
                if (!field.Enabled) return;
                WalkObject(index, id, value, path + ".", field.Properties!, field.Dynamic ?? dynamic, staged);
                return;
            }
            if (field.IsFlattened)
            {
                CheckFlattenedDepth(index, id, path, field, value, 1);
                return;
            }
            if (field.Type is "geo_point" or "geo_shape" or "integer_range" or "long_range" or "float_range"
                or "double_range" or "date_range" or "ip_range") return;
            throw ParseFailure(index, id, path, field, value, $"Can't get text on a START_OBJECT at 1:{path.Length + 4}");
        }

        if (field is null)
        {
            if (dynamic == "strict") throw Strict(index, name, ParentPath(path, name));
            if (dynamic == "false" || dynamic == "runtime") return;
            field = InferField(value);
            Stage(staged, path, properties, name, field);
        }
        if (field.IsObject && !field.Enabled) return;
        if (field.IsObject)
            throw Errors.MapperParsing(index,
                $"object mapping for [{path}] tried to parse field [{name}] as object, but found a concrete value");
        if (!field.TryConvert(value, out _, out var failure))
            throw ParseFailure(index, id, path, field, value, failure!);
        if (field.Fields is not null)
            foreach (var (_, sub) in field.Fields)
                if (!sub.TryConvert(value, out _, out var subFailure))
                    throw ParseFailure(index, id, path, sub, value, subFailure!);
    }

    /// <summary>
    /// Why adding <paramref name="added"/> mappers and the objects at <paramref name="newObjects"/> breaks the index's
    /// limits (MappingLookup.checkFieldLimit / checkObjectDepthLimit), or null. Fields, multi-fields and objects count;
    /// an object at a path with n dots is n + 2 deep (the root is 1).
    /// </summary>
    private string? LimitFailure(int added, List<string> newObjects, bool dynamicUpdate)
    {
        var limit = _settings.TotalFieldsLimit;
        if (added > 0 && Count(_properties) + added > limit)
            return _settings.Major >= 8 && dynamicUpdate
                ? $"Limit of total fields [{limit}] has been exceeded while adding new fields [{added}]"
                : $"Limit of total fields [{limit}] has been exceeded";
        var depthLimit = _settings.DepthLimit;
        foreach (var path in newObjects)
        {
            var depth = 2;
            foreach (var c in path) if (c == '.') depth++;
            if (depth > depthLimit) return $"Limit of mapping depth [{depthLimit}] has been exceeded due to object field [{path}]";
        }
        return null;
    }

    /// <summary>Mappers in a tree: each field, its multi-fields and each object.</summary>
    private static int Count(SortedDictionary<string, FieldMapping>? properties)
    {
        if (properties is null) return 0;
        var n = 0;
        foreach (var (_, field) in properties) n += 1 + (field.Fields?.Count ?? 0) + Count(field.Properties);
        return n;
    }

    /// <summary>Mappers an explicit mapping update adds to <paramref name="existing"/>; collects the new objects' paths.</summary>
    private static int CountNew(SortedDictionary<string, FieldMapping>? existing, SortedDictionary<string, FieldMapping> updates, string prefix, List<string> newObjects)
    {
        var n = 0;
        foreach (var (name, field) in updates)
        {
            FieldMapping? current = null;
            existing?.TryGetValue(name, out current);
            var path = prefix + name;
            if (current is null)
            {
                n += 1;
                if (field.IsObject) newObjects.Add(path);
            }
            if (field.Fields is not null)
                foreach (var (sub, _) in field.Fields)
                    if (current?.Fields is null || !current.Fields.ContainsKey(sub)) n++;
            if (field.Properties is not null) n += CountNew(current?.Properties, field.Properties, path + ".", newObjects);
        }
        return n;
    }

    private FieldMapping InferField(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (DateDetection && DateFormat.TryParseIso(s, strict: true, requireTime: false, out _) && s.Length >= 4 && s.Contains('-'))
                    return FieldMapping.DynamicDate();
                if (NumericDetection && long.TryParse(s, out _)) return new FieldMapping("long");
                if (NumericDetection && double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return new FieldMapping("float");
                return FieldMapping.DynamicText();
            case JsonValueKind.Number:
                return value.TryGetInt64(out _) ? new FieldMapping("long") : new FieldMapping("float");
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new FieldMapping("boolean");
            default:
                return FieldMapping.DynamicText();
        }
    }

    /// <summary>
    /// A <c>flattened</c> field's objects may nest up to its <c>depth_limit</c> (20 by default): FlattenedFieldParser
    /// fails an object entered under a key path of length n when n + 1 exceeds it.
    /// </summary>
    private static void CheckFlattenedDepth(IndexState index, string id, string path, FieldMapping field, JsonElement value, int keys)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) CheckFlattenedDepth(index, id, path, field, item, keys);
                return;
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.Object && keys + 1 > field.FlattenedDepthLimit)
                        throw Errors.MapperParsing(index, $"failed to parse field [{path}] of type [flattened] in document with id '{id}'. Preview of field's value: '{p.Value.GetRawText()}'",
                            Errors.IllegalArgument($"The provided [flattened] field [{path}] exceeds the maximum depth limit of [{field.FlattenedDepthLimit}]."));
                    CheckFlattenedDepth(index, id, path, field, p.Value, keys + 1);
                }
                return;
        }
    }

    private static FieldMapping? Lookup(string path, SortedDictionary<string, FieldMapping> properties, string name,
        Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)> staged)
    {
        if (properties.TryGetValue(name, out var f)) return f;
        return staged.TryGetValue(path, out var s) ? s.Field : null;
    }

    private static void Stage(Dictionary<string, (SortedDictionary<string, FieldMapping> Parent, string Name, FieldMapping Field)> staged, string path,
        SortedDictionary<string, FieldMapping> properties, string name, FieldMapping field)
    {
        // The parent may itself be staged; its properties dictionary is filled when the document is accepted.
        staged[path] = (properties, name, field);
    }

    private static string ParentPath(string path, string name) =>
        path.Length > name.Length ? path.Substring(0, path.Length - name.Length - 1) : "_doc";

    private static EsException Strict(IndexState index, string name, string parent) =>
        new(400, "strict_dynamic_mapping_exception",
            $"mapping set to strict, dynamic introduction of [{name}] within [{(parent.Length == 0 ? "_doc" : parent.TrimEnd('.'))}] is not allowed",
            index.Name) { IndexUuid = index.Uuid, Shard = "0" };

    private static EsException ParseFailure(IndexState index, string id, string path, FieldMapping field, JsonElement value, string failure)
    {
        var preview = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        var cause = new EsException(400, failure.StartsWith("For input string", StringComparison.Ordinal) ? "number_format_exception" : "illegal_argument_exception", failure);
        return Errors.MapperParsing(index,
            $"failed to parse field [{path}] of type [{field.Type}] in document with id '{id}'. Preview of field's value: '{preview}'", cause);
    }

    private void RebuildLookup()
    {
        var flat = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        var sourcePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string prefix, SortedDictionary<string, FieldMapping> props)
        {
            foreach (var (name, field) in props)
            {
                var path = prefix + name;
                flat[path] = field;
                if (field.Fields is not null)
                    foreach (var (sub, subField) in field.Fields)
                    {
                        flat[path + "." + sub] = subField;
                        sourcePaths[path + "." + sub] = path;
                    }
                if (field.Properties is not null) Add(path + ".", field.Properties);
            }
        }
        Add("", _properties);
        _sourcePaths = sourcePaths;
        _flat = flat;
    }
}
