namespace Synced.Emulators.Elasticsearch;

/// <summary>A matching document with its score and sort values.</summary>
internal sealed class SearchHit
{
    public SearchHit(SearchDocument doc, double score, FieldValue[] sortValues)
    {
        Doc = doc;
        Score = score;
        SortValues = sortValues;
    }

    public SearchDocument Doc { get; }
    public double Score { get; }
    public FieldValue[] SortValues { get; }
}

/// <summary>
/// The sorted hits of a search, and the indices ("shards") that failed: ES answers with the others' hits and
/// lists the failures, unless every shard failed.
/// </summary>
internal sealed class SearchResult
{
    public SearchResult(System.Collections.Generic.List<SearchHit> hits, System.Collections.Generic.List<(SearchTarget Target, EsException Error)> failures)
    {
        Hits = hits;
        Failures = failures;
    }

    public System.Collections.Generic.List<SearchHit> Hits { get; }
    public System.Collections.Generic.List<(SearchTarget Target, EsException Error)> Failures { get; }
}

/// <summary>One index of a search with the snapshot it reads (fixed for a point in time).</summary>
internal sealed class SearchTarget
{
    public SearchTarget(IndexState index, IndexSnapshot snapshot, int shardIndex)
    {
        Index = index;
        Snapshot = snapshot;
        ShardIndex = shardIndex;
    }

    public IndexState Index { get; }
    public IndexSnapshot Snapshot { get; }
    public int ShardIndex { get; }
}
