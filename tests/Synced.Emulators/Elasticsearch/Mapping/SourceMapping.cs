using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The <c>_source</c> root mapping (SourceFieldMapper): <c>enabled: false</c> stores no source at all, and
/// <c>includes</c>/<c>excludes</c> filter what is stored, at index time. Fields are still indexed from the whole
/// document; only what GET, search hits and updates see back is cut.
/// </summary>
internal sealed class SourceMapping
{
    public static readonly SourceMapping Default = new(true, Array.Empty<string>(), Array.Empty<string>());

    private readonly SourceFilter? _filter;

    private SourceMapping(bool enabled, string[] includes, string[] excludes)
    {
        Enabled = enabled;
        if (includes.Length > 0 || excludes.Length > 0) _filter = new SourceFilter(true, includes, excludes);
    }

    public bool Enabled { get; }

    /// <summary>Reads the <c>_source</c> parameter of a mapping.</summary>
    public static SourceMapping Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Errors.MapperParsing(null, "Failed to parse mapping: [_source] must be an object");
        var enabled = true;
        string[] includes = Array.Empty<string>(), excludes = Array.Empty<string>();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "enabled": enabled = p.Value.ValueKind != JsonValueKind.False && p.Value.GetRawText() != "\"false\""; break;
                case "includes": includes = Strings(p.Value); break;
                case "excludes": excludes = Strings(p.Value); break;
                case "mode": break;
                default: throw Errors.MapperParsing(null, $"unknown parameter [{p.Name}] on mapper [_source] of type [_source]");
            }
        }
        return new SourceMapping(enabled, includes, excludes);
    }

    private static string[] Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(v => v.GetString()!).ToArray()
        : new[] { e.GetString()! };

    /// <summary>What is stored as the document's source: null when disabled, filtered bytes, or the bytes as sent.</summary>
    public (ReadOnlyMemory<byte> Bytes, JsonElement Element)? Store(ReadOnlyMemory<byte> source, JsonElement element)
    {
        if (!Enabled) return null;
        if (_filter is null) return (source, element);
        var buffer = new ArrayBufferWriter<byte>(source.Length);
        using (var writer = new Utf8JsonWriter(buffer)) _filter.WriteElement(writer, element);
        var bytes = buffer.WrittenSpan.ToArray();
        return (bytes, DocumentApi.ParseCompact(bytes));
    }
}
