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
