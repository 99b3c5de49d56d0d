using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// <c>_source</c> filtering: whether to return the source at all, and include/exclude path patterns
/// (with <c>*</c> wildcards), applied to nested objects and arrays as ES does.
/// </summary>
internal sealed class SourceFilter
{
    public static readonly SourceFilter All = new(true, Array.Empty<string>(), Array.Empty<string>());
    public static readonly SourceFilter None = new(false, Array.Empty<string>(), Array.Empty<string>());

    public SourceFilter(bool fetch, string[] includes, string[] excludes)
    {
        Fetch = fetch;
        Includes = includes;
        Excludes = excludes;
    }

    public bool Fetch { get; }
    public string[] Includes { get; }
    public string[] Excludes { get; }

    public bool IsIdentity => Fetch && Includes.Length == 0 && Excludes.Length == 0;

    /// <summary>Reads the <c>_source</c> element of a search or mget body: bool, string, array or object.</summary>
    public static SourceFilter FromJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.True: return All;
            case JsonValueKind.False: return None;
            case JsonValueKind.String: return new SourceFilter(true, new[] { e.GetString()! }, Array.Empty<string>());
            case JsonValueKind.Array: return new SourceFilter(true, Strings(e), Array.Empty<string>());
            case JsonValueKind.Object:
                var includes = Array.Empty<string>();
                var excludes = Array.Empty<string>();
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "includes" or "include") includes = Strings(p.Value);
                    else if (p.Name is "excludes" or "exclude") excludes = Strings(p.Value);
                    else throw Errors.Parsing($"Unknown key for a START_ARRAY in [{p.Name}].");
                }
                return new SourceFilter(true, includes, excludes);
            default:
                throw Errors.Parsing("Expected one of [TRUE, FALSE, VALUE_STRING, START_ARRAY, START_OBJECT] for [_source]");
        }
    }

    /// <summary>Reads the URL forms: <c>_source=false|f1,f2</c>, <c>_source_includes</c>, <c>_source_excludes</c>.</summary>
    public static SourceFilter? FromQuery(RestRequest request)
    {
        var source = request.Param("_source");
        var includes = request.Param("_source_includes") ?? request.Param("_source_include");
        var excludes = request.Param("_source_excludes") ?? request.Param("_source_exclude");
        if (source is null && includes is null && excludes is null) return null;
        if (source is "false") return None;
        var inc = new List<string>();
        if (source is not null && source is not "true" && source.Length > 0) inc.AddRange(Split(source));
        if (includes is not null) inc.AddRange(Split(includes));
        return new SourceFilter(true, inc.ToArray(), excludes is null ? Array.Empty<string>() : Split(excludes));
    }

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(v => v.GetString()!).ToArray()
        : new[] { e.GetString()! };

    /// <summary>Writes the filtered stored source (the raw bytes when nothing is filtered).</summary>
    public void Write(Utf8JsonWriter w, StoredDocument doc)
    {
        if (IsIdentity)
        {
            w.WriteRawValue(doc.Source.Span, skipInputValidation: true);
            return;
        }
        WriteObject(w, doc.SourceElement, "");
    }

    /// <summary>Writes an object filtered by the includes and excludes.</summary>
    public void WriteElement(Utf8JsonWriter w, JsonElement obj) => WriteObject(w, obj, "");

    private void WriteObject(Utf8JsonWriter w, JsonElement obj, string prefix)
    {
        w.WriteStartObject();
        foreach (var p in obj.EnumerateObject())
        {
            var path = prefix + p.Name;
            if (Excludes.Any(x => Cluster.Glob(x, path))) continue;
            var fullyIncluded = Includes.Length == 0 || Includes.Any(i => Cluster.Glob(i, path) || IsAncestorInclude(i, path));
            if (fullyIncluded)
            {
                w.WritePropertyName(p.Name);
                WriteValue(w, p.Value, path, includeAll: true);
            }
            else if (Includes.Any(i => MayIncludeDescendant(i, path)) && (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                if (!HasIncludedContent(p.Value, path)) continue;
                w.WritePropertyName(p.Name);
                WriteValue(w, p.Value, path, includeAll: false);
            }
        }
        w.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter w, JsonElement value, string path, bool includeAll)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (includeAll && Excludes.Length == 0) value.WriteTo(w);
                else if (includeAll) WriteObjectExcluding(w, value, path + ".");
                else WriteObject(w, value, path + ".");
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object) WriteValue(w, item, path, includeAll);
                    else if (includeAll) item.WriteTo(w);
                }
                w.WriteEndArray();
                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    private void WriteObjectExcluding(Utf8JsonWriter w, JsonElement obj, string prefix)
    {
        w.WriteStartObject();
        foreach (var p in obj.EnumerateObject())
        {
            var path = prefix + p.Name;
            if (Excludes.Any(x => Cluster.Glob(x, path))) continue;
            w.WritePropertyName(p.Name);
            WriteValue(w, p.Value, path, includeAll: true);
        }
        w.WriteEndObject();
    }

    private bool HasIncludedContent(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.Object && HasIncludedContent(item, path));
        if (value.ValueKind != JsonValueKind.Object) return false;
        foreach (var p in value.EnumerateObject())
        {
            var child = path + "." + p.Name;
            if (Excludes.Any(x => Cluster.Glob(x, child))) continue;
            if (Includes.Any(i => Cluster.Glob(i, child) || IsAncestorInclude(i, child))) return true;
            if (Includes.Any(i => MayIncludeDescendant(i, child)) && HasIncludedContent(p.Value, child)) return true;
        }
        return false;
    }

    /// <summary>An include "a" covers "a.b".</summary>
    private static bool IsAncestorInclude(string include, string path) =>
        path.Length > include.Length && path[include.Length] == '.' && Cluster.Glob(include, path.Substring(0, include.Length));

    /// <summary>An include "a.b" or "a.*" may match something under "a".</summary>
    private static bool MayIncludeDescendant(string include, string path)
    {
        var star = include.IndexOf('*');
        var literal = star < 0 ? include : include.Substring(0, star);
        var prefix = path + ".";
        return literal.StartsWith(prefix, StringComparison.Ordinal) || (star >= 0 && prefix.StartsWith(literal, StringComparison.Ordinal));
    }
}
