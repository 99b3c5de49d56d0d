using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The body of a partial update (<c>doc</c>, <c>doc_as_upsert</c>, <c>upsert</c>, <c>detect_noop</c>): turns the
/// current document into the new source, or says "noop" (null) when nothing changes.
/// </summary>
internal sealed class UpdateBody
{
    private readonly JsonObject? _doc;
    private readonly JsonObject? _upsert;
    private readonly bool _docAsUpsert;
    private readonly bool _detectNoop = true;

    public UpdateBody(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Errors.BodyParse("[1:1] update body must be an object");
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "doc":
                    _doc = JsonNode.Parse(p.Value.GetRawText()) as JsonObject ?? throw Errors.BodyParse("[doc] must be an object");
                    break;
                case "upsert":
                    _upsert = JsonNode.Parse(p.Value.GetRawText()) as JsonObject ?? throw Errors.BodyParse("[upsert] must be an object");
                    break;
                case "doc_as_upsert": _docAsUpsert = p.Value.ValueKind == JsonValueKind.True; break;
                case "detect_noop": _detectNoop = p.Value.ValueKind != JsonValueKind.False; break;
                case "_source":
                case "scripted_upsert":
                    break;
                case "script":
                    throw Errors.IllegalArgument("the Elasticsearch emulator does not run scripts; send a partial [doc] instead");
                default:
                    throw Errors.BodyParse($"[UpdateRequest] unknown field [{p.Name}]");
            }
        }
        if (_doc is null) throw Errors.Validation("script or doc is missing");
    }

    public (ReadOnlyMemory<byte> Source, JsonElement Element)? Apply(StoredDocument? current)
    {
        if (current is null)
        {
            var upsert = _docAsUpsert ? _doc : _upsert;
            if (upsert is null) return null;
            return Serialize(upsert);
        }
        var existing = JsonNode.Parse(current.Source.Span) as JsonObject ?? new JsonObject();
        var merged = (JsonObject)existing.DeepClone();
        var changed = Merge(merged, _doc!);
        if (_detectNoop && !changed) return null;
        return Serialize(merged);
    }

    /// <summary>Merges objects recursively (other values replace), returning whether anything changed.</summary>
    private static bool Merge(JsonObject target, JsonObject patch)
    {
        var changed = false;
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                changed |= Merge(targetObject, patchObject);
                continue;
            }
            if (target.TryGetPropertyValue(key, out var old) && JsonNode.DeepEquals(old, value)) continue;
            target[key] = value?.DeepClone();
            changed = true;
        }
        return changed;
    }

    private static (ReadOnlyMemory<byte>, JsonElement) Serialize(JsonObject obj)
    {
        var bytes = Encoding.UTF8.GetBytes(obj.ToJsonString());
        return (bytes, DocumentApi.ParseCompact(bytes));
    }
}
