using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Reads the Query DSL subset the emulator implements; anything else is a parsing_exception, as in ES.</summary>
internal static class QueryParser
{
    public static Query Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Errors.Parsing($"[_na] query malformed, must start with start_object");
        using var props = e.EnumerateObject();
        if (!props.MoveNext()) return MatchAllQuery.All;
        var p = props.Current;
        if (props.MoveNext())
            throw Errors.Parsing($"[{p.Name}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
        var body = p.Value;
        switch (p.Name)
        {
            case "match_all":
                return MatchAllQuery.All;
            case "match_none":
                return MatchAllQuery.None;
            case "term":
            {
                var (field, value) = SingleField("term", body);
                if (value.ValueKind == JsonValueKind.Object)
                {
                    var v = value.TryGetProperty("value", out var vv) ? vv : throw Errors.Parsing("[term] query does not support [" + FirstName(value) + "]");
                    var ci = value.TryGetProperty("case_insensitive", out var c) && c.ValueKind == JsonValueKind.True;
                    return new TermQuery(field, new[] { v }, ci);
                }
                if (value.ValueKind == JsonValueKind.Array) throw Errors.Parsing("[term] query does not support array of values");
                return new TermQuery(field, new[] { value });
            }
            case "terms":
            {
                string? field = null;
                JsonElement values = default;
                foreach (var f in body.EnumerateObject())
                {
                    if (f.Name == "boost") continue;
                    field = f.Name;
                    values = f.Value;
                }
                if (field is null) throw Errors.Parsing("[terms] query requires a field");
                if (values.ValueKind != JsonValueKind.Array)
                    throw Errors.Parsing($"[terms] query does not support [{field}]");
                return new TermQuery(field, values.EnumerateArray());
            }
            case "ids":
            {
                if (!body.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
                    return new IdsQuery(Array.Empty<string>());
                return new IdsQuery(values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()));
            }
            case "exists":
            {
                if (!body.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String)
                    throw Errors.Parsing("[exists] must be provided with a [field]");
                return new ExistsQuery(field.GetString()!);
            }
            case "range":
            {
                var (field, spec) = SingleField("range", body);
                if (spec.ValueKind != JsonValueKind.Object) throw Errors.Parsing($"[range] query does not support [{field}]");
                JsonElement? gt = null, gte = null, lt = null, lte = null, from = null, to = null;
                bool includeLower = true, includeUpper = true;
                string? format = null;
                foreach (var b in spec.EnumerateObject())
                {
                    switch (b.Name)
                    {
                        case "gt": gt = b.Value.Clone(); break;
                        case "gte": gte = b.Value.Clone(); break;
                        case "lt": lt = b.Value.Clone(); break;
                        case "lte": lte = b.Value.Clone(); break;
                        case "from": from = b.Value.Clone(); break;
                        case "to": to = b.Value.Clone(); break;
                        case "include_lower": includeLower = b.Value.ValueKind != JsonValueKind.False; break;
                        case "include_upper": includeUpper = b.Value.ValueKind != JsonValueKind.False; break;
                        case "format": format = b.Value.GetString(); break;
                        case "time_zone":
                        case "boost":
                        case "relation":
                        case "_name":
                            break;
                        default:
                            throw Errors.Parsing($"[range] query does not support [{b.Name}]");
                    }
                }
                if (from is not null) { if (includeLower) gte = from; else gt = from; }
                if (to is not null) { if (includeUpper) lte = to; else lt = to; }
                return new RangeQuery(field, gt, gte, lt, lte, format);
            }
            case "bool":
            {
                var q = new BoolQuery();
                foreach (var clause in body.EnumerateObject())
                {
                    switch (clause.Name)
                    {
                        case "must": AddClauses(q.Must, clause.Value); break;
                        case "filter": AddClauses(q.Filter, clause.Value); break;
                        case "should": AddClauses(q.Should, clause.Value); break;
                        case "must_not":
                        case "mustNot": AddClauses(q.MustNot, clause.Value); break;
                        case "minimum_should_match": q.MinimumShouldMatch = MinimumShouldMatch(clause.Value, () => q.Should.Count); break;
                        case "boost":
                        case "_name":
                        case "adjust_pure_negative":
                            break;
                        default:
                            throw Errors.Parsing($"[bool] query does not support [{clause.Name}]");
                    }
                }
                if (body.TryGetProperty("minimum_should_match", out var msm))
                    q.MinimumShouldMatch = MinimumShouldMatch(msm, () => q.Should.Count);
                return q;
            }
            case "constant_score":
            {
                if (!body.TryGetProperty("filter", out var filter)) throw Errors.Parsing("[constant_score] requires a 'filter' element");
                var boost = body.TryGetProperty("boost", out var b) ? b.GetDouble() : 1.0;
                return new ConstantScoreQuery(Parse(filter), boost);
            }
            case "match":
            {
                var (field, value) = SingleField("match", body);
                if (value.ValueKind == JsonValueKind.Object)
                {
                    var query = value.TryGetProperty("query", out var qv) ? qv : throw Errors.Parsing("No text specified for text query");
                    var all = value.TryGetProperty("operator", out var op) && string.Equals(op.GetString(), "and", StringComparison.OrdinalIgnoreCase);
                    return new MatchQuery(field, query, all);
                }
                return new MatchQuery(field, value, all: false);
            }
            case "prefix":
            {
                var (field, value) = SingleField("prefix", body);
                if (value.ValueKind == JsonValueKind.Object) value = value.GetProperty("value");
                return new PrefixQuery(field, value.GetString() ?? "");
            }
            case "query_string":
            case "simple_query_string":
            {
                if (!body.TryGetProperty("query", out var text) || text.ValueKind != JsonValueKind.String)
                    throw Errors.Parsing($"[{p.Name}] must be provided with a [query]");
                var field = body.TryGetProperty("default_field", out var df) ? df.GetString() : null;
                if (field is null && body.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array && fields.GetArrayLength() == 1)
                    field = fields[0].GetString();
                var and = body.TryGetProperty("default_operator", out var op) && string.Equals(op.GetString(), "and", StringComparison.OrdinalIgnoreCase);
                return QueryStringParser.Parse(text.GetString()!, field, and);
            }
            default:
                throw new EsException(400, "parsing_exception", $"unknown query [{p.Name}]",
                    causedBy: new EsException(400, "named_object_not_found_exception", $"[1:{p.Name.Length + 12}] unknown field [{p.Name}]"))
                    .With("line", 1).With("col", p.Name.Length + 12);
        }
    }

    private static void AddClauses(List<Query> into, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            foreach (var item in value.EnumerateArray()) into.Add(Parse(item));
        else
            into.Add(Parse(value));
    }

    private static int MinimumShouldMatch(JsonElement value, Func<int> shouldCount)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (text.EndsWith('%'))
        {
            var pct = int.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var n = shouldCount();
            var count = (int)Math.Floor(n * Math.Abs(pct) / 100.0);
            return pct < 0 ? n - count : count;
        }
        var k = int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return k < 0 ? Math.Max(0, shouldCount() + k) : k;
    }

    private static (string Field, JsonElement Value) SingleField(string query, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Errors.Parsing($"[{query}] query malformed, no start_object after query name");
        string? field = null;
        JsonElement value = default;
        foreach (var f in body.EnumerateObject())
        {
            if (f.Name is "boost" or "_name") continue;
            if (field is not null)
                throw Errors.Parsing($"[{query}] query doesn't support multiple fields, found [{field}] and [{f.Name}]");
            field = f.Name;
            value = f.Value;
        }
        if (field is null) throw Errors.Parsing($"[{query}] query requires a field");
        return (field, value);
    }

    private static string FirstName(JsonElement o)
    {
        foreach (var p in o.EnumerateObject()) return p.Name;
        return "";
    }
}
