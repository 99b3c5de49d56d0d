using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Runs a parsed search over snapshots: match, sort, search_after, page, and render ES's response.</summary>
internal static class SearchExecutor
{
    /// <summary>Every matching hit, sorted by the request's sort (then index and sequence number, like shard/doc order).</summary>
    public static SearchResult Collect(SearchRequestModel request, IReadOnlyList<SearchTarget> targets)
    {
        var hits = new List<SearchHit>();
        var failures = new List<(SearchTarget, EsException)>();
        foreach (var target in targets)
        {
            var found = new List<SearchHit>();
            try
            {
                CollectFrom(request, target, found);
                hits.AddRange(found);
            }
            catch (EsException e)
            {
                failures.Add((target, e));
            }
        }
        if (failures.Count > 0 && failures.Count == targets.Count) throw Errors.SearchPhase(failures[0].Item2);
        Sort(request.Sort, hits);
        return new SearchResult(hits, failures);
    }

    /// <summary>
    /// Sorts hits into their total order (the sort clauses, then shard and sequence number). When the first clause
    /// gives every hit a whole number (dates, longs, _shard_doc) the hits are ordered by it as plain numbers first,
    /// and only runs of equal numbers are compared clause by clause: the same order, for a fraction of the cost.
    /// </summary>
    private static void Sort(List<SortField> sort, List<SearchHit> hits)
    {
        var keys = sort.Count > 0 ? LongKeys(sort[0], hits) : null;
        if (keys is null)
        {
            hits.Sort((a, b) => CompareHits(sort, a, b));
            return;
        }
        var items = hits.ToArray();
        Array.Sort(keys, items);
        Comparer<SearchHit>? byEveryClause = null;
        for (var start = 0; start < items.Length;)
        {
            var end = start + 1;
            while (end < items.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(items, start, end - start, byEveryClause ??= Comparer<SearchHit>.Create((a, b) => CompareHits(sort, a, b)));
            start = end;
        }
        hits.Clear();
        hits.AddRange(items);
    }

    /// <summary>The first clause's values as keys in sort order, or null when one is missing or not a whole number.</summary>
    private static long[]? LongKeys(SortField first, List<SearchHit> hits)
    {
        var keys = new long[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            var v = hits[i].SortValues[0];
            if (v.Kind != FieldValueKind.Long) return null;
            // Descending: the complement reverses the order of every long exactly.
            keys[i] = first.Descending ? ~v.Long : v.Long;
        }
        return keys;
    }

    /// <summary>From this many documents a shard is searched by every core at once (a search's only cost that grows with the index).</summary>
    private const int ParallelFrom = 20_000;

    /// <summary>The mapping each sort clause reads in one target's index.</summary>
    public static FieldMapping?[] SortMappings(SearchRequestModel request, SearchTarget target)
    {
        var sort = request.Sort;
        var mappings = new FieldMapping?[sort.Count];
        for (var i = 0; i < sort.Count; i++)
            if (sort[i].Target == SortTarget.Field) mappings[i] = sort[i].ResolveMapping(target.Index);
        return mappings;
    }

    private static void CollectFrom(SearchRequestModel request, SearchTarget target, List<SearchHit> hits)
    {
        var mappings = SortMappings(request, target);
        // Any order: the hits are sorted afterwards.
        var docs = target.UnorderedDocuments;
        var parts = docs.Length < ParallelFrom ? 1 : Environment.ProcessorCount;
        if (parts == 1)
        {
            CollectRange(request, target, mappings, docs, 0, docs.Length, hits);
            return;
        }
        var found = new List<SearchHit>[parts];
        try
        {
            System.Threading.Tasks.Parallel.For(0, parts, p =>
            {
                var from = (int)((long)docs.Length * p / parts);
                var to = (int)((long)docs.Length * (p + 1) / parts);
                var local = new List<SearchHit>();
                CollectRange(request, target, mappings, docs, from, to, local);
                found[p] = local;
            });
        }
        catch (AggregateException e) when (e.InnerException is EsException es)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(es).Throw();
        }
        foreach (var part in found) hits.AddRange(part);
    }

    /// <summary>Adds the hits among docs[from..to) until <paramref name="hits"/> holds <paramref name="limit"/>; returns where it stopped.</summary>
    public static int CollectRange(SearchRequestModel request, SearchTarget target, FieldMapping?[] mappings, StoredDocument[] docs, int from, int to,
        List<SearchHit> hits, int limit = int.MaxValue)
    {
        var sort = request.Sort;
        var d = from;
        for (; d < to && hits.Count < limit; d++)
        {
            var sd = new SearchDocument(target.Index, docs[d], target.ShardIndex);
            if (!request.Query.Matches(sd)) continue;
            if (request.PostFilter is not null && !request.PostFilter.Matches(sd)) continue;
            var score = request.Query.Score;
            var values = sort.Count == 0 ? Array.Empty<FieldValue>() : new FieldValue[sort.Count];
            for (var i = 0; i < sort.Count; i++) values[i] = sort[i].ValueOf(sd, mappings[i], score);
            hits.Add(new SearchHit(sd, score, values));
        }
        return d;
    }

    private static int CompareHits(List<SortField> sort, SearchHit a, SearchHit b)
    {
        if (sort.Count == 0)
        {
            var s = b.Score.CompareTo(a.Score);
            if (s != 0) return s;
        }
        for (var i = 0; i < sort.Count; i++)
        {
            var c = sort[i].Compare(a.SortValues[i], b.SortValues[i]);
            if (c != 0) return c;
        }
        var shard = a.Doc.ShardIndex.CompareTo(b.Doc.ShardIndex);
        return shard != 0 ? shard : a.Doc.Document.SeqNo.CompareTo(b.Doc.Document.SeqNo);
    }

    /// <summary>Index of the first hit strictly after the search_after values.</summary>
    public static int StartAfter(SearchRequestModel request, List<SearchHit> hits, IReadOnlyList<SearchTarget> targets)
    {
        if (ParseAfter(request, targets) is not { } after) return 0;
        var sort = request.Sort;
        int lo = 0, hi = hits.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CompareToAfter(sort, hits[mid].SortValues, after) > 0) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>The search_after values as sort values, checked against the sort (null without search_after).</summary>
    public static FieldValue[]? ParseAfter(SearchRequestModel request, IReadOnlyList<SearchTarget> targets)
    {
        if (request.SearchAfter is null) return null;
        var sort = request.Sort;
        if (sort.Count == 0) throw Errors.IllegalArgument("Sort must contain at least one field.");
        if (request.SearchAfter.Length != sort.Count)
            throw Errors.IllegalArgument($"search_after has {request.SearchAfter.Length} value(s) but sort has {sort.Count}.");
        var after = new FieldValue[sort.Count];
        for (var i = 0; i < sort.Count; i++)
        {
            FieldMapping? mapping = null;
            if (sort[i].Target == SortTarget.Field)
                foreach (var t in targets)
                {
                    mapping = FieldQuery.MetaField(sort[i].Name) ?? t.Index.Mapping.Find(sort[i].Name);
                    if (mapping is not null) break;
                }
            after[i] = sort[i].ParseAfter(request.SearchAfter[i], mapping);
        }
        return after;
    }

    private static int CompareToAfter(List<SortField> sort, FieldValue[] values, FieldValue[] after)
    {
        for (var i = 0; i < sort.Count; i++)
        {
            var c = sort[i].Compare(values[i], after[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>Writes a search response for one page of hits.</summary>
    /// <summary>Runs the request's aggregations over every document its query matches.</summary>
    public static List<AggregationCollector>? Aggregate(SearchRequestModel request, IReadOnlyList<SearchTarget> targets)
    {
        if (request.Aggregations.Count == 0) return null;
        var collectors = request.Aggregations.Select(a => a.NewCollector()).ToList();
        foreach (var target in targets)
            foreach (var doc in target.Documents)
            {
                var sd = new SearchDocument(target.Index, doc, target.ShardIndex);
                if (!request.Query.Matches(sd)) continue;
                foreach (var c in collectors) c.Collect(sd);
            }
        return collectors;
    }

    public static void WriteResponse(Utf8JsonWriter w, SearchRequestModel request, SearchResult result, int start, int count,
        int shards, long tookMillis, string? pitId, string? scrollId, bool typed, List<AggregationCollector>? aggregations = null, bool timedOut = false)
    {
        var hits = result.Hits;
        // A timed-out search returns what its shards collected before the deadline: here, half the page.
        if (timedOut) count /= 2;
        w.WriteStartObject();
        if (scrollId is not null) w.WriteString("_scroll_id", scrollId);
        if (pitId is not null) w.WriteString("pit_id", pitId);
        w.WriteNumber("took", tookMillis);
        w.WriteBoolean("timed_out", timedOut);
        WriteShards(w, shards, result.Failures);
        w.WritePropertyName("hits");
        w.WriteStartObject();
        var total = hits.Count;
        if (request.TrackTotalHitsUpTo != 0)
        {
            var limit = request.TrackTotalHitsUpTo;
            var value = limit is { } l && total > l ? l : total;
            var relation = limit is { } l2 && total > l2 ? "gte" : "eq";
            if (request.TotalAsInt) w.WriteNumber("total", total);
            else
            {
                w.WritePropertyName("total");
                w.WriteStartObject();
                w.WriteNumber("value", value);
                w.WriteString("relation", relation);
                w.WriteEndObject();
            }
        }
        var scored = !request.SortsByField || request.TrackScores;
        var end = Math.Min(hits.Count, start + count);
        if (scored && hits.Count > 0 && count > 0) w.WriteNumber("max_score", (float)hits.Max(h => h.Score));
        else w.WriteNull("max_score");
        w.WritePropertyName("hits");
        w.WriteStartArray();
        for (var i = start; i < end; i++) WriteHit(w, request, hits[i], scored, typed);
        w.WriteEndArray();
        w.WriteEndObject();
        if (aggregations is not null)
        {
            w.WritePropertyName("aggregations");
            w.WriteStartObject();
            AggregationCollector.WriteAll(w, aggregations, request.TypedKeys);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteHit(Utf8JsonWriter w, SearchRequestModel request, SearchHit hit, bool scored, bool typed)
    {
        var doc = hit.Doc.Document;
        w.WriteStartObject();
        w.WriteString("_index", hit.Doc.Index.Name);
        if (typed) w.WriteString("_type", "_doc");
        w.WriteString("_id", doc.Id);
        if (request.Version) w.WriteNumber("_version", doc.Version);
        if (request.SeqNoPrimaryTerm)
        {
            w.WriteNumber("_seq_no", doc.SeqNo);
            w.WriteNumber("_primary_term", doc.PrimaryTerm);
        }
        if (scored) w.WriteNumber("_score", (float)hit.Score);
        else w.WriteNull("_score");
        if (request.Source.Fetch && doc.HasSource)
        {
            w.WritePropertyName("_source");
            request.Source.Write(w, doc);
        }
        if (request.Sort.Count > 0)
        {
            w.WritePropertyName("sort");
            w.WriteStartArray();
            for (var i = 0; i < request.Sort.Count; i++) request.Sort[i].WriteValue(w, hit.SortValues[i]);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void WriteShards(Utf8JsonWriter w, int shards, IReadOnlyList<(SearchTarget Target, EsException Error)>? failures = null)
    {
        var failed = failures?.Count ?? 0;
        w.WritePropertyName("_shards");
        w.WriteStartObject();
        w.WriteNumber("total", shards);
        w.WriteNumber("successful", shards - failed);
        w.WriteNumber("skipped", 0);
        w.WriteNumber("failed", failed);
        if (failed > 0)
        {
            // ES lists one failure per index and cause (ExceptionsHelper.groupBy); "failed" still counts every shard.
            var seen = new HashSet<(string, string, string)>();
            w.WritePropertyName("failures");
            w.WriteStartArray();
            foreach (var (target, error) in failures!)
            {
                if (!seen.Add((target.Index.Name, error.Type, error.Reason))) continue;
                w.WriteStartObject();
                w.WriteNumber("shard", target.Shard);
                w.WriteString("index", target.Index.Name);
                w.WriteString("node", "synced-emulator");
                w.WritePropertyName("reason");
                error.WriteItemError(w);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
