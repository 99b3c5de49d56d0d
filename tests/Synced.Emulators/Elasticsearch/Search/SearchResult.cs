using System.Collections.Generic;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The sorted hits of a search, and the indices ("shards") that failed: ES answers with the others' hits and
/// lists the failures, unless every shard failed.
/// </summary>
internal sealed class SearchResult
{
    public SearchResult(List<SearchHit> hits, List<(SearchTarget Target, EsException Error)> failures)
    {
        Hits = hits;
        Failures = failures;
    }

    public List<SearchHit> Hits { get; }
    public List<(SearchTarget Target, EsException Error)> Failures { get; }
}
