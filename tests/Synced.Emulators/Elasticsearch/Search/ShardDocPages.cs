using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// Pages of a point-in-time search sorted by <c>_shard_doc</c> alone, read as they are asked for: each page walks the
/// shards' documents in index order from the search_after position until it is full, as Elasticsearch stops early on a
/// shard whose documents are already in the sort's order. The hits, their order and sort values are those of sorting
/// every match; what differs is the cost: a page costs the documents it passes over, not the whole index each
/// point in time. Only for searches that need nothing from the other matches: no total, aggregation or score, no from.
/// </summary>
internal static class ShardDocPages
{
    /// <summary>True when the search can be answered page by page in index order.</summary>
    public static bool CanServe(SearchRequestModel request)
        => request.PitId is not null && request.Sort.Count == 1 && request.Sort[0].Target == SortTarget.ShardDoc && !request.Sort[0].Descending
           && request.TrackTotalHitsUpTo == 0 && request.Aggregations.Count == 0 && request.From == 0 && !request.TrackScores
           && (request.SearchAfter is null || request.SearchAfter[0].ValueKind == JsonValueKind.Number && request.SearchAfter[0].TryGetInt64(out _));

    /// <summary>The page after search_after (the first without it), and the shards the query failed on.</summary>
    public static SearchResult Collect(SearchRequestModel request, IReadOnlyList<SearchTarget> targets)
    {
        var after = SearchExecutor.ParseAfter(request, targets);
        // _shard_doc is the shard's position in the search (high 32 bits) and the document's sequence number.
        var afterShard = after is null ? -1 : (int)(after[0].Long >> 32);
        var afterSeqNo = after is null ? -1 : after[0].Long & 0xFFFFFFFFL;
        var hits = new List<SearchHit>(Math.Min(request.Size, 10_000));
        var failures = new List<(SearchTarget, EsException)>();
        foreach (var target in targets.OrderBy(t => t.ShardIndex))
        {
            var docs = target.Documents;
            try
            {
                var mappings = SearchExecutor.SortMappings(request, target);
                // A query the shard cannot run fails on its first document: every page reports it, as a full sort would.
                if (docs.Length > 0) request.Query.Matches(new SearchDocument(target.Index, docs[0], target.ShardIndex));
                if (target.ShardIndex < afterShard || hits.Count >= request.Size) continue;
                var from = target.ShardIndex == afterShard ? FirstAfter(docs, afterSeqNo) : 0;
                // A shard that fails part way gives none of its hits, as in a full search.
                var found = new List<SearchHit>();
                SearchExecutor.CollectRange(request, target, mappings, docs, from, docs.Length, found, request.Size - hits.Count);
                hits.AddRange(found);
            }
            catch (EsException e)
            {
                failures.Add((target, e));
            }
        }
        if (failures.Count > 0 && failures.Count == targets.Count) throw Errors.SearchPhase(failures[0].Item2);
        return new SearchResult(hits, failures);
    }

    /// <summary>Index of the first document (in sequence-number order) whose sequence number is above <paramref name="seqNo"/>.</summary>
    private static int FirstAfter(StoredDocument[] docs, long seqNo)
    {
        int lo = 0, hi = docs.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((docs[mid].SeqNo & 0xFFFFFFFFL) > seqNo) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
