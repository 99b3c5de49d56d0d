namespace Synced.Emulators.Elasticsearch;

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
