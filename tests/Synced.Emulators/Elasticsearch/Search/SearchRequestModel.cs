using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>A parsed <c>_search</c> request: body and URL parameters merged as ES merges them.</summary>
internal sealed class SearchRequestModel
{
    public Query Query { get; private set; } = MatchAllQuery.All;

    /// <summary>Identifies query + sort, for reusing a point in time's sorted result across pages.</summary>
    public string CacheKey { get; private set; } = "";

    public int From { get; private set; }
    public int Size { get; private set; } = 10;
    public List<SortField> Sort { get; private set; } = new();
    public JsonElement[]? SearchAfter { get; private set; }
    public SourceFilter Source { get; private set; } = SourceFilter.All;
    public bool SeqNoPrimaryTerm { get; private set; }
    public bool Version { get; private set; }
    public bool TrackScores { get; private set; }

    /// <summary>null: count exactly; 0 (false): don't count; N: count up to N.</summary>
    public int? TrackTotalHitsUpTo { get; private set; } = 10000;

    public string? PitId { get; private set; }
    public TimeSpan? PitKeepAlive { get; private set; }
    public TimeSpan? Scroll { get; private set; }
    public bool TotalAsInt { get; private set; }

    public bool SortsByField => Sort.Any(s => s.Target != SortTarget.Score);

    public static SearchRequestModel Parse(RestRequest request, JsonElement? body)
    {
        var m = new SearchRequestModel();
        var queryKey = "";
        var sortKey = "";
        if (body is { ValueKind: JsonValueKind.Object } b)
        {
            foreach (var p in b.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "query":
                        m.Query = QueryParser.Parse(p.Value);
                        queryKey = p.Value.GetRawText();
                        break;
                    case "from": m.From = Int(p); break;
                    case "size": m.Size = Int(p); break;
                    case "sort":
                        m.Sort = SortField.ParseBody(p.Value);
                        sortKey = p.Value.GetRawText();
                        break;
                    case "search_after":
                        if (p.Value.ValueKind != JsonValueKind.Array) throw Errors.Parsing("[search_after] must be an array");
                        m.SearchAfter = p.Value.EnumerateArray().Select(v => v.Clone()).ToArray();
                        break;
                    case "_source": m.Source = SourceFilter.FromJson(p.Value); break;
                    case "seq_no_primary_term": m.SeqNoPrimaryTerm = p.Value.ValueKind == JsonValueKind.True; break;
                    case "version": m.Version = p.Value.ValueKind == JsonValueKind.True; break;
                    case "track_scores": m.TrackScores = p.Value.ValueKind == JsonValueKind.True; break;
                    case "track_total_hits":
                        m.TrackTotalHitsUpTo = p.Value.ValueKind switch
                        {
                            JsonValueKind.True => null,
                            JsonValueKind.False => 0,
                            JsonValueKind.Number => p.Value.GetInt32() == int.MaxValue ? null : p.Value.GetInt32(),
                            _ => throw Errors.Parsing("[track_total_hits] must be a boolean or an integer"),
                        };
                        break;
                    case "pit":
                        if (!p.Value.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
                            throw Errors.Parsing("[pit] requires an [id]");
                        m.PitId = id.GetString();
                        if (p.Value.TryGetProperty("keep_alive", out var ka)) m.PitKeepAlive = TimeValue.Parse("keep_alive", ka.GetString()!);
                        break;
                    case "post_filter":
                        var post = QueryParser.Parse(p.Value);
                        m.PostFilter = post;
                        queryKey += "|post:" + p.Value.GetRawText();
                        break;
                    case "timeout":
                    case "stored_fields":
                    case "docvalue_fields":
                    case "explain":
                    case "min_score":
                    case "terminate_after":
                    case "highlight":
                    case "profile":
                    case "stats":
                    case "indices_boost":
                        break;
                    case "aggs":
                    case "aggregations":
                        m.Aggregations = Aggregation.ParseAll(p.Value);
                        break;
                    default:
                        throw Errors.Parsing($"Unknown key for a {FieldMapping.TokenName(p.Value)} in [{p.Name}].");
                }
            }
        }

        if (request.IntParam("size") is { } size) m.Size = size;
        if (request.IntParam("from") is { } from) m.From = from;
        if (request.Param("sort") is { } sort)
        {
            m.Sort = SortField.ParseUrl(sort);
            sortKey = "url:" + sort;
        }
        if (SourceFilter.FromQuery(request) is { } source) m.Source = source;
        if (request.Query.ContainsKey("seq_no_primary_term")) m.SeqNoPrimaryTerm = request.Flag("seq_no_primary_term");
        if (request.Query.ContainsKey("version")) m.Version = request.Flag("version");
        if (request.Param("track_total_hits") is { } tth)
        {
            m.TrackTotalHitsUpTo = tth switch
            {
                "true" or "" => null,
                "false" => 0,
                _ => int.Parse(tth, CultureInfo.InvariantCulture),
            };
        }
        if (request.Param("scroll") is { } scroll) m.Scroll = TimeValue.Parse("scroll", scroll);
        m.TotalAsInt = request.Flag("rest_total_hits_as_int");
        m.TypedKeys = request.Flag("typed_keys");
        if (request.Param("q") is { } q)
        {
            m.Query = QueryStringParser.Parse(q, request.Param("df"), string.Equals(request.Param("default_operator"), "and", StringComparison.OrdinalIgnoreCase));
            queryKey = "q:" + q + "|" + request.Param("df") + "|" + request.Param("default_operator");
        }

        if (m.Size < 0) throw Errors.IllegalArgument($"[size] parameter cannot be negative, found [{m.Size}]");
        if (m.From < 0) throw Errors.IllegalArgument($"[from] parameter cannot be negative, found [{m.From}]");
        if (m.Scroll is not null)
        {
            if (m.TrackTotalHitsUpTo == 0) throw Errors.Validation("disabling [track_total_hits] is not allowed in a scroll context");
            m.TrackTotalHitsUpTo = null;
            if (m.PitId is not null) throw Errors.Validation("using [point in time] is not allowed in a scroll context");
            if (m.SearchAfter is not null) throw Errors.Validation("[search_after] cannot be used in a scroll context");
            if (m.From > 0) throw Errors.Validation("using [from] is not allowed in a scroll context");
        }
        if (m.SearchAfter is not null && m.From > 0)
            throw Errors.Validation("[from] parameter must be set to 0 when [search_after] is used");
        // SearchRequest.rewrite: a point-in-time search with a sort gets the _shard_doc tiebreaker, unless its last
        // sort is _shard_doc already or search_after has one value per explicit sort (it does not carry one).
        if (m.PitId is not null && m.Sort.Count > 0 && m.Sort[^1].Target != SortTarget.ShardDoc
            && (m.SearchAfter is null || m.SearchAfter.Length == m.Sort.Count + 1))
        {
            m.Sort.Add(new SortField("_shard_doc"));
            sortKey += "|_shard_doc";
        }
        m.CacheKey = queryKey + "\n" + sortKey;
        return m;
    }

    public Query? PostFilter { get; private set; }

    /// <summary>The aggregations to compute over the query's matches (post_filter does not apply to them).</summary>
    public List<Aggregation> Aggregations { get; private set; } = new();

    /// <summary>typed_keys=true: aggregation names carry their type (<c>sterms#name</c>), as NEST requests.</summary>
    public bool TypedKeys { get; private set; }

    private static int Int(JsonProperty p)
    {
        if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n)) return n;
        if (p.Value.ValueKind == JsonValueKind.String && int.TryParse(p.Value.GetString(), out n)) return n;
        throw Errors.Parsing($"[{p.Name}] must be an integer");
    }
}
