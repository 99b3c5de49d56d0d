using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>One sort clause: target, order, missing-value placement, unmapped_type and output format.</summary>
internal sealed class SortField
{
    public SortField(string name)
    {
        Name = name;
        Target = name switch
        {
            "_score" => SortTarget.Score,
            "_doc" => SortTarget.Doc,
            "_shard_doc" => SortTarget.ShardDoc,
            _ => SortTarget.Field,
        };
        Descending = Target == SortTarget.Score;
    }

    public string Name { get; }
    public SortTarget Target { get; }
    public bool Descending { get; set; }
    public bool MissingFirst { get; set; }
    public JsonElement? MissingValue { get; set; }
    public string? UnmappedType { get; set; }
    public DateFormat? Format { get; set; }
    public bool UseMax { get; set; }

    /// <summary>Parses ES's sort forms: "f", "f:desc", {"f":"desc"}, {"f":{"order":..}}, or an array of those.</summary>
    public static List<SortField> ParseBody(JsonElement sort)
    {
        var result = new List<SortField>();
        if (sort.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sort.EnumerateArray()) result.Add(ParseOne(item));
        }
        else
        {
            result.Add(ParseOne(sort));
        }
        return result;
    }

    public static List<SortField> ParseUrl(string sort)
    {
        var result = new List<SortField>();
        foreach (var part in sort.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var field = new SortField(colon < 0 ? part : part.Substring(0, colon));
            if (colon >= 0) field.Descending = ParseOrder(part.Substring(colon + 1));
            result.Add(field);
        }
        return result;
    }

    private static SortField ParseOne(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return new SortField(e.GetString()!);
        if (e.ValueKind != JsonValueKind.Object) throw Errors.Parsing("malformed sort format, within the sort array, an object, or an actual string are allowed");
        SortField? field = null;
        foreach (var p in e.EnumerateObject())
        {
            if (field is not null) throw Errors.Parsing($"malformed sort format, only one field per sort object is allowed");
            field = new SortField(p.Name);
            if (p.Value.ValueKind == JsonValueKind.String)
            {
                field.Descending = ParseOrder(p.Value.GetString()!);
                continue;
            }
            if (p.Value.ValueKind != JsonValueKind.Object) throw Errors.Parsing($"[{p.Name}] unknown sort value");
            foreach (var o in p.Value.EnumerateObject())
            {
                switch (o.Name)
                {
                    case "order": field.Descending = ParseOrder(o.Value.GetString()!); break;
                    case "missing":
                        if (o.Value.ValueKind == JsonValueKind.String && o.Value.GetString() is "_last" or "_first")
                            field.MissingFirst = o.Value.GetString() == "_first";
                        else field.MissingValue = o.Value.Clone();
                        break;
                    case "unmapped_type": field.UnmappedType = o.Value.GetString(); break;
                    case "format": field.Format = new DateFormat(o.Value.GetString()!); break;
                    case "mode": field.UseMax = o.Value.GetString() == "max"; field.ModeGiven = true; break;
                    case "numeric_type":
                    case "nested":
                    case "nested_path":
                    case "nested_filter":
                        break;
                    default:
                        throw Errors.Parsing($"[field_sort] unknown field [{o.Name}]");
                }
            }
        }
        return field ?? throw Errors.Parsing("malformed sort format");
    }

    public bool ModeGiven { get; private set; }

    private static bool ParseOrder(string order) => order.ToLowerInvariant() switch
    {
        "asc" => false,
        "desc" => true,
        _ => throw Errors.IllegalArgument($"Unknown SortOrder [{order}]"),
    };

    /// <summary>The field mapping used to sort one index; throws as ES does for unmapped and text fields.</summary>
    public FieldMapping? ResolveMapping(IndexState index)
    {
        var mapping = FieldQuery.MetaField(Name) ?? index.Mapping.Find(Name);
        if (mapping is null)
        {
            if (UnmappedType is not null) return null;
            throw new EsException(400, "query_shard_exception", $"No mapping found for [{Name}] in order to sort on", index.Name) { IndexUuid = index.Uuid };
        }
        if (mapping.IsText)
            throw Errors.IllegalArgument($"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [{Name}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.");
        return mapping;
    }

    /// <summary>The value a document sorts by (min for asc, max for desc; ES's stand-in when missing).</summary>
    public FieldValue ValueOf(in SearchDocument doc, FieldMapping? mapping, double score)
    {
        switch (Target)
        {
            case SortTarget.Score: return FieldValue.FromDouble(score);
            case SortTarget.Doc: return FieldValue.FromLong(doc.Document.SeqNo);
            case SortTarget.ShardDoc: return FieldValue.FromLong(((long)doc.ShardIndex << 32) | (doc.Document.SeqNo & 0xFFFFFFFFL));
        }
        var numeric = mapping is null ? UnmappedType is not null && UnmappedType != "keyword" : mapping.IsNumeric || mapping.IsDate || mapping.Type == "boolean";
        if (mapping is not null)
        {
            var values = Name switch
            {
                "_id" => new[] { FieldValue.FromString(doc.Document.Id) },
                "_index" => new[] { FieldValue.FromString(doc.Index.Name) },
                "_seq_no" => new[] { FieldValue.FromLong(doc.Document.SeqNo) },
                "_version" => new[] { FieldValue.FromLong(doc.Document.Version) },
                _ => doc.Values(Name, mapping),
            };
            if (values.Length > 0)
            {
                var best = values[0];
                var max = ModeGiven ? UseMax : Descending;
                for (var i = 1; i < values.Length; i++)
                {
                    var c = values[i].CompareTo(best);
                    if (max ? c > 0 : c < 0) best = values[i];
                }
                return best;
            }
        }
        if (MissingValue is { } custom && mapping is not null && mapping.TryConvert(custom, out var cv, out _)) return cv;
        if (!numeric) return FieldValue.Missing;
        var high = Descending == MissingFirst;
        if (mapping is not null && mapping.Type is "double" or "float" or "half_float" or "scaled_float")
            return FieldValue.FromDouble(high ? double.MaxValue : double.MinValue);
        return FieldValue.FromLong(high ? long.MaxValue : long.MinValue);
    }

    /// <summary>Compares two sort values in this clause's order (missing strings go last unless _first).</summary>
    public int Compare(FieldValue a, FieldValue b)
    {
        if (a.IsMissing || b.IsMissing)
        {
            if (a.IsMissing && b.IsMissing) return 0;
            var missingLast = a.IsMissing ? 1 : -1;
            return MissingFirst ? -missingLast : missingLast;
        }
        var c = a.CompareTo(b);
        return Descending ? -c : c;
    }

    /// <summary>Reads one search_after value for this clause.</summary>
    public FieldValue ParseAfter(JsonElement value, FieldMapping? mapping)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return FieldValue.Missing;
            case JsonValueKind.Number:
                if (mapping is not null && (mapping.Type is "keyword" or "ip" or "wildcard" or "constant_keyword") && Target == SortTarget.Field)
                    return FieldValue.FromString(value.GetRawText());
                return value.TryGetInt64(out var l) ? FieldValue.FromLong(l) : FieldValue.FromDouble(value.GetDouble());
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (Target != SortTarget.Field || (mapping is not null && (mapping.IsNumeric || mapping.IsDate || mapping.Type == "boolean")))
                {
                    if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sl)) return FieldValue.FromLong(sl);
                    if (mapping is not null && mapping.IsDate && (Format ?? mapping.DateFormat ?? DateFormat.Default).TryParse(s, out var millis))
                        return FieldValue.FromLong(millis);
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var sd)) return FieldValue.FromDouble(sd);
                    throw Errors.IllegalArgument($"Failed to parse search_after value for field [{Name}].");
                }
                return FieldValue.FromString(s);
            case JsonValueKind.True:
                return FieldValue.FromLong(1);
            case JsonValueKind.False:
                return FieldValue.FromLong(0);
            default:
                throw Errors.Parsing($"[search_after] values must be scalars, found [{value.ValueKind}]");
        }
    }

    /// <summary>Writes one value of a hit's sort array (dates formatted when the clause asks).</summary>
    public void WriteValue(Utf8JsonWriter w, FieldValue value)
    {
        if (Format is not null && value.Kind == FieldValueKind.Long && value.Long != long.MaxValue && value.Long != long.MinValue)
        {
            w.WriteStringValue(Format.Format(value.Long));
            return;
        }
        if (Target == SortTarget.Score && value.Kind == FieldValueKind.Double)
        {
            w.WriteNumberValue((float)value.Double);
            return;
        }
        value.WriteTo(w);
    }
}
