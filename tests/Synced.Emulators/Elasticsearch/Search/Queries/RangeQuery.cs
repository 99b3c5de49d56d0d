using System;
using System.Globalization;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>range</c> on numbers, dates (with <c>format</c> and date math) and keywords.</summary>
internal sealed class RangeQuery : FieldQuery
{
    private readonly JsonElement? _gt, _gte, _lt, _lte;
    private readonly string? _format;
    // Read for every document a search examines (by several threads on a large shard): a lookup without a lock.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IndexState, (FieldValue? Lower, bool LowerInclusive, FieldValue? Upper, bool UpperInclusive)> _bounds = new();

    public RangeQuery(string field, JsonElement? gt, JsonElement? gte, JsonElement? lt, JsonElement? lte, string? format) : base(field)
    {
        _gt = gt;
        _gte = gte;
        _lt = lt;
        _lte = lte;
        _format = format;
    }

    public override bool Matches(in SearchDocument doc)
    {
        var mapping = MappingFor(doc.Index);
        if (mapping is null || mapping.IsObject) return false;
        var (lower, lowerInclusive, upper, upperInclusive) = Bounds(doc.Index, mapping);
        foreach (var v in ValuesOf(doc, Field, mapping))
        {
            if (lower is { } lo)
            {
                var c = v.CompareTo(lo);
                if (c < 0 || (c == 0 && !lowerInclusive)) continue;
            }
            if (upper is { } hi)
            {
                var c = v.CompareTo(hi);
                if (c > 0 || (c == 0 && !upperInclusive)) continue;
            }
            return true;
        }
        return false;
    }

    private (FieldValue?, bool, FieldValue?, bool) Bounds(IndexState index, FieldMapping mapping)
    {
        if (_bounds.TryGetValue(index, out var known)) return known;
        FieldValue? lower = null, upper = null;
        var lowerInclusive = true;
        var upperInclusive = true;
        if (_gte is { ValueKind: not JsonValueKind.Null } gte) lower = Convert(index, mapping, gte, roundUp: false);
        if (_gt is { ValueKind: not JsonValueKind.Null } gt) { lower = Convert(index, mapping, gt, roundUp: true); lowerInclusive = false; }
        if (_lte is { ValueKind: not JsonValueKind.Null } lte) upper = Convert(index, mapping, lte, roundUp: true);
        if (_lt is { ValueKind: not JsonValueKind.Null } lt) { upper = Convert(index, mapping, lt, roundUp: false); upperInclusive = false; }
        // Two threads may work it out at once: the same bounds either way.
        return _bounds.GetOrAdd(index, (lower, lowerInclusive, upper, upperInclusive));
    }

    private FieldValue Convert(IndexState index, FieldMapping mapping, JsonElement bound, bool roundUp)
    {
        if (mapping.IsDate)
        {
            var format = _format is null ? mapping.DateFormat ?? DateFormat.Default : new DateFormat(_format);
            if (bound.ValueKind == JsonValueKind.Number)
            {
                // DateFieldType.parseToLong reads a number's text with the formats, as for documents.
                if (format.TryParseNumber(bound, out var m)) return FieldValue.FromLong(m);
            }
            else if (bound.ValueKind == JsonValueKind.String &&
                     DateMath.TryParse(bound.GetString()!, format, roundUp, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var millis))
            {
                return FieldValue.FromLong(millis);
            }
            var text = bound.ValueKind == JsonValueKind.String ? bound.GetString() : bound.GetRawText();
            throw new EsException(400, "parse_exception", $"failed to parse date field [{text}] with format [{format.Pattern}]: [failed to parse date field [{text}] with format [{format.Pattern}]]", index.Name)
            { IndexUuid = index.Uuid };
        }
        if (mapping.IsNumeric)
        {
            double d;
            if (bound.ValueKind == JsonValueKind.Number) d = bound.GetDouble();
            else if (bound.ValueKind != JsonValueKind.String || !double.TryParse(bound.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d))
                throw new EsException(400, "query_shard_exception", $"failed to create query: For input string: \"{bound.GetRawText().Trim('"')}\"", index.Name) { IndexUuid = index.Uuid };
            if (mapping.Type is "long" or "integer" or "short" or "byte")
            {
                // A decimal bound on a whole-number field: ES rounds towards the range's inside.
                if (bound.ValueKind == JsonValueKind.Number && bound.TryGetInt64(out var l)) return FieldValue.FromLong(l);
                return FieldValue.FromDouble(d);
            }
            return FieldValue.FromDouble(d);
        }
        if (mapping.Type == "boolean")
            return mapping.TryConvert(bound, out var bv, out _) ? bv : FieldValue.FromLong(0);
        return FieldValue.FromString(bound.ValueKind == JsonValueKind.String ? bound.GetString()! : bound.GetRawText());
    }
}
