using System.Collections.Generic;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// A parsed aggregation: collects the documents a search matched (before post_filter, as in ES) and writes
/// its result, with the <c>type#name</c> key when the client asked for typed_keys (NEST always does).
/// </summary>
internal abstract class Aggregation
{
    protected Aggregation(string name, string field)
    {
        Name = name;
        Field = field;
    }

    public string Name { get; }
    public string Field { get; }

    /// <summary>Starts a fresh collection (one per search and per bucket).</summary>
    public abstract AggregationCollector NewCollector();

    /// <summary>Reads an <c>aggs</c> object: name -> { type: body, aggs: {...} }.</summary>
    public static List<Aggregation> ParseAll(JsonElement aggs)
    {
        var result = new List<Aggregation>();
        if (aggs.ValueKind != JsonValueKind.Object) throw Errors.Parsing("Aggregation definition must be an object");
        foreach (var agg in aggs.EnumerateObject())
        {
            string? type = null;
            JsonElement body = default;
            List<Aggregation>? subs = null;
            foreach (var p in agg.Value.EnumerateObject())
            {
                if (p.Name is "aggs" or "aggregations") subs = ParseAll(p.Value);
                else if (p.Name == "meta") continue;
                else if (type is not null)
                    throw Errors.Parsing($"Found two aggregation type definitions in [{agg.Name}]: [{type}] and [{p.Name}]");
                else
                {
                    type = p.Name;
                    body = p.Value;
                }
            }
            if (type is null) throw Errors.Parsing($"Missing definition for aggregation [{agg.Name}]");
            var field = (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("field", out var f) ? f.GetString() : null)
                ?? throw Errors.Parsing($"[{type}] aggregation [{agg.Name}] needs a [field]; the emulator does not run scripts");
            Aggregation parsed = type switch
            {
                "terms" => new TermsAggregation(agg.Name, field, body, subs ?? new List<Aggregation>()),
                "min" or "max" or "sum" or "avg" or "value_count" or "cardinality" => subs is null
                    ? new MetricAggregation(agg.Name, type, field)
                    : throw Errors.Parsing($"Aggregator [{agg.Name}] of type [{type}] cannot accept sub-aggregations"),
                _ => throw new EsException(400, "parsing_exception", $"Unknown aggregation type [{type}] did you mean [terms]?")
                    .With("line", 1).With("col", 1),
            };
            result.Add(parsed);
        }
        return result;
    }

    /// <summary>The field's mapping in a document's index (metadata fields included), or null when unmapped.</summary>
    protected static FieldMapping? MappingFor(in SearchDocument doc, string field) =>
        FieldQuery.MetaField(field) ?? doc.Index.Mapping.Find(field);

    protected static FieldValue[] ValuesFor(in SearchDocument doc, string field, FieldMapping mapping) => field switch
    {
        "_id" => new[] { FieldValue.FromString(doc.Document.Id) },
        "_index" => new[] { FieldValue.FromString(doc.Index.Name) },
        _ => doc.Values(field, mapping),
    };
}

/// <summary>Accumulates one aggregation over documents, then writes its result.</summary>
internal abstract class AggregationCollector
{
    public abstract void Collect(in SearchDocument doc);

    /// <summary>Writes <c>"name": {...}</c> (or <c>"type#name"</c> with typed keys).</summary>
    public abstract void Write(Utf8JsonWriter w, bool typedKeys);

    public static void WriteAll(Utf8JsonWriter w, IEnumerable<AggregationCollector> collectors, bool typedKeys)
    {
        foreach (var c in collectors) c.Write(w, typedKeys);
    }
}
