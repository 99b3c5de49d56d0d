using System;
using System.Collections.Generic;
using System.Text;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// Recent sorted results of searches without a point in time, keyed by query, sort and the exact snapshots
/// read. Paging with search_after over an index nobody is writing to then costs a binary search per page
/// instead of a full sort; any refresh that changes a snapshot changes the key.
/// </summary>
internal sealed class SearchResultCache
{
    private const int Capacity = 4;

    private readonly LinkedList<(string Key, SearchResult Hits)> _entries = new();

    public SearchResult GetOrAdd(SearchRequestModel request, IReadOnlyList<SearchTarget> targets, Func<SearchResult> compute)
    {
        var key = Key(request, targets);
        lock (_entries)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (!string.Equals(node.Value.Key, key, StringComparison.Ordinal)) continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Hits;
            }
        }
        var hits = compute();
        lock (_entries)
        {
            _entries.AddFirst((key, hits));
            while (_entries.Count > Capacity) _entries.RemoveLast();
        }
        return hits;
    }

    private static string Key(SearchRequestModel request, IReadOnlyList<SearchTarget> targets)
    {
        var key = new StringBuilder(request.CacheKey);
        foreach (var t in targets) key.Append('\n').Append(t.Index.Uuid).Append('@').Append(t.Snapshot.Generation);
        return key.ToString();
    }
}
