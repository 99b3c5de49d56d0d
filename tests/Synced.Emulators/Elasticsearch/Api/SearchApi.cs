using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary><c>_search</c>, <c>_count</c>, point in time (<c>_pit</c>) and scroll endpoints.</summary>
internal sealed class SearchApi
{
    private readonly Node _node;
    private readonly SearchResultCache _recent = new();

    public SearchApi(Node node) => _node = node;

    private Cluster Cluster => _node.Cluster;

    public RestResponse Search(RestRequest request, string? expression)
    {
        var started = Stopwatch.GetTimestamp();
        using var body = request.JsonBody();
        var model = SearchRequestModel.Parse(request, body?.RootElement);
        if (model.PitId is not null && !_node.SupportsPointInTime) throw Errors.Parsing("Unknown key for a START_OBJECT in [pit].");
        var typed = _node.Typed(request);

        PointInTime? pit = null;
        IReadOnlyList<SearchTarget> targets;
        if (model.PitId is not null)
        {
            if (expression is not null)
                throw Errors.Validation("[indices] cannot be used with point in time. Do not specify any index with point in time.");
            if (!_node.Contexts.PointsInTime.TryGetValue(model.PitId, out pit) || pit.ExpiresAt < Stopwatch.GetTimestamp())
                throw Errors.SearchContextMissing(model.PitId);
            if (model.PitKeepAlive is { } keepAlive) pit.Touch(keepAlive);
            targets = pit.Targets;
        }
        else
        {
            targets = Targets(request, expression);
        }

        var window = targets.Count == 0 ? 10000 : targets.Min(t => t.Index.Settings.MaxResultWindow);
        if (model.Scroll is null && model.From + model.Size > window)
            throw Errors.SearchPhase(Errors.IllegalArgument(
                $"Result window is too large, from + size must be less than or equal to: [{window}] but was [{model.From + model.Size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting."));
        if (model.Scroll is not null && model.Size > window)
            throw Errors.SearchPhase(Errors.IllegalArgument(
                $"Batch size is too large, size must be less than or equal to: [{window}] but was [{model.Size}]. Scroll batch sizes cost as much memory as result windows so they are controlled by the [index.max_result_window] index level setting."));

        var fault = request.Observed is { } observed ? _node.Faults.TakeSearchFault(observed) : SearchFault.None;
        if (pit is not null && fault == SearchFault.None && ShardDocPages.CanServe(model))
        {
            SearchResult page;
            try
            {
                page = ShardDocPages.Collect(model, targets);
            }
            catch (EsException e) when (e.Type is "query_shard_exception" or "illegal_argument_exception" or "parse_exception")
            {
                throw Errors.SearchPhase(e);
            }
            var pageTook = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return RestResponse.Ok(w => SearchExecutor.WriteResponse(w, model, page, 0, model.Size, targets.Count, pageTook, pit.Id, null, typed));
        }

        SearchResult hits;
        try
        {
            hits = pit is not null
                ? pit.Results.GetOrAdd(model.CacheKey, _ => SearchExecutor.Collect(model, targets))
                : model.SearchAfter is not null || model.Sort.Count > 0
                    ? _recent.GetOrAdd(model, targets, () => SearchExecutor.Collect(model, targets))
                    : SearchExecutor.Collect(model, targets);
        }
        catch (EsException e) when (e.Type is "query_shard_exception" or "illegal_argument_exception" or "parse_exception")
        {
            throw Errors.SearchPhase(e);
        }
        List<AggregationCollector>? aggregations;
        try
        {
            aggregations = SearchExecutor.Aggregate(model, targets);
        }
        catch (EsException e) when (e.Type is "illegal_argument_exception")
        {
            throw Errors.SearchPhase(e);
        }
        if (fault == SearchFault.ShardFailure) hits = FailOneShard(hits, targets);
        int start;
        try
        {
            start = SearchExecutor.StartAfter(model, hits.Hits, targets) + model.From;
        }
        catch (EsException e) when (e.Type is "illegal_argument_exception")
        {
            // search_after is read on the shards (SearchAfterBuilder): its errors come back as a failed search phase.
            throw Errors.SearchPhase(e);
        }
        string? scrollId = null;
        if (model.Scroll is { } scroll)
        {
            // A scroll keeps contexts only on the shards that answered its first page; later pages report those.
            var answered = targets.Where(t => !hits.Failures.Any(f => f.Target == t)).ToList();
            var context = new ScrollContext(SearchContexts.NewId(), new SearchResult(hits.Hits, new()), model, answered, scroll) { Position = start + model.Size };
            _node.Contexts.Scrolls[context.Id] = context;
            scrollId = context.Id;
        }
        var took = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var timedOut = fault == SearchFault.TimedOut;
        return RestResponse.Ok(w => SearchExecutor.WriteResponse(w, model, hits, start, model.Size, targets.Count, took, pit?.Id, scrollId, typed, aggregations, timedOut));
    }

    /// <summary>
    /// An injected shard failure: the first shard that answered is taken as failed, so its hits are left out and
    /// the failure is listed, or the search fails as a whole when no shard is left (ES's "all shards failed").
    /// </summary>
    private static SearchResult FailOneShard(SearchResult result, IReadOnlyList<SearchTarget> targets)
    {
        var victim = targets.FirstOrDefault(t => !result.Failures.Any(f => f.Target == t));
        if (victim is null) return result;
        var error = new EsException(500, "emulated_shard_failure_exception",
            $"fault injected by the emulator: shard [{victim.Shard}] of index [{victim.Index.Name}] failed", victim.Index.Name)
        { IndexUuid = victim.Index.Uuid, Shard = victim.Shard.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var failures = new List<(SearchTarget, EsException)>(result.Failures) { (victim, error) };
        if (failures.Count == targets.Count) throw Errors.SearchPhase(error);
        return new SearchResult(result.Hits.Where(h => h.Doc.ShardIndex != victim.ShardIndex).ToList(), failures);
    }

    public RestResponse Count(RestRequest request, string? expression)
    {
        using var body = request.JsonBody();
        var query = MatchAllQuery.All as Query;
        if (body is not null && body.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in body.RootElement.EnumerateObject())
            {
                if (p.Name == "query") query = QueryParser.Parse(p.Value);
                else throw Errors.Parsing($"request does not support [{p.Name}]");
            }
        }
        if (request.Param("q") is { } q)
            query = QueryStringParser.Parse(q, request.Param("df"), string.Equals(request.Param("default_operator"), "and", StringComparison.OrdinalIgnoreCase));
        var targets = Targets(request, expression);
        long count = 0;
        foreach (var t in targets)
            foreach (var doc in t.Documents)
                if (query.Matches(new SearchDocument(t.Index, doc, t.ShardIndex))) count++;
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", count);
            SearchExecutor.WriteShards(w, targets.Count);
            w.WriteEndObject();
        });
    }

    public RestResponse OpenPointInTime(RestRequest request, string expression)
    {
        if (!_node.SupportsPointInTime) throw Errors.NoHandler(request.Method, request.Path);
        var keepAliveText = request.Param("keep_alive") ?? throw Errors.Validation("[keep_alive] is not specified");
        var keepAlive = TimeValue.Parse("keep_alive", keepAliveText);
        var targets = Targets(request, expression);
        var pit = new PointInTime(SearchContexts.NewId(), targets.ToArray(), keepAlive);
        _node.Contexts.PointsInTime[pit.Id] = pit;
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", pit.Id);
            w.WriteEndObject();
        });
    }

    public RestResponse ClosePointInTime(RestRequest request)
    {
        if (!_node.SupportsPointInTime) throw Errors.NoHandler(request.Method, request.Path);
        using var body = request.JsonBody() ?? throw Errors.Validation("no id specified");
        if (!body.RootElement.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            throw Errors.Validation("no id specified");
        var freed = _node.Contexts.PointsInTime.TryRemove(id.GetString()!, out _);
        return RestResponse.Json(freed ? 200 : 404, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("succeeded", true);
            w.WriteNumber("num_freed", freed ? 1 : 0);
            w.WriteEndObject();
        });
    }

    public RestResponse ContinueScroll(RestRequest request, string? pathId)
    {
        using var body = request.JsonBody();
        var id = pathId ?? request.Param("scroll_id");
        var keepAliveText = request.Param("scroll");
        if (body is not null)
        {
            if (body.RootElement.TryGetProperty("scroll_id", out var sid)) id = sid.GetString();
            if (body.RootElement.TryGetProperty("scroll", out var ka)) keepAliveText = ka.GetString();
        }
        if (id is null) throw Errors.Validation("scrollId is missing");
        if (!_node.Contexts.Scrolls.TryGetValue(id, out var context) || context.ExpiresAt < Stopwatch.GetTimestamp())
            throw Errors.SearchPhase(Errors.SearchContextMissing(id));
        if (keepAliveText is not null) context.Touch(TimeValue.Parse("scroll", keepAliveText));
        int start;
        lock (context.Gate)
        {
            start = context.Position;
            context.Position += context.Request.Size;
        }
        var typed = _node.Typed(request);
        var model = context.Request;
        var fault = request.Observed is { } observed ? _node.Faults.TakeSearchFault(observed) : SearchFault.None;
        var hits = fault == SearchFault.ShardFailure ? FailOneShard(context.Hits, context.Targets) : context.Hits;
        return RestResponse.Ok(w => SearchExecutor.WriteResponse(w, model, hits, start, model.Size, context.Targets.Count, 0, null, context.Id, typed,
            timedOut: fault == SearchFault.TimedOut));
    }

    public RestResponse ClearScroll(RestRequest request, string? pathIds)
    {
        using var body = request.JsonBody();
        var ids = new List<string>();
        if (pathIds is not null) ids.AddRange(pathIds.Split(',', StringSplitOptions.RemoveEmptyEntries));
        if (body is not null && body.RootElement.TryGetProperty("scroll_id", out var sid))
        {
            if (sid.ValueKind == JsonValueKind.Array) ids.AddRange(sid.EnumerateArray().Select(s => s.GetString()!));
            else if (sid.ValueKind == JsonValueKind.String) ids.Add(sid.GetString()!);
        }
        var freed = 0;
        if (ids.Contains("_all"))
        {
            freed = _node.Contexts.Scrolls.Count;
            _node.Contexts.Scrolls.Clear();
        }
        else
        {
            foreach (var id in ids)
                if (_node.Contexts.Scrolls.TryRemove(id, out _)) freed++;
        }
        var status = freed == 0 && ids.Count > 0 ? 404 : 200;
        return RestResponse.Json(status, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("succeeded", true);
            w.WriteNumber("num_freed", freed);
            w.WriteEndObject();
        });
    }

    private List<SearchTarget> Targets(RestRequest request, string? expression)
    {
        var indices = Cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Flag("allow_no_indices", true));
        var targets = new List<SearchTarget>(indices.Count);
        foreach (var index in indices)
        {
            var snapshot = index.Snapshot;
            for (var shard = 0; shard < index.Settings.NumberOfShards; shard++) targets.Add(new SearchTarget(index, snapshot, targets.Count, shard));
        }
        return targets;
    }
}
