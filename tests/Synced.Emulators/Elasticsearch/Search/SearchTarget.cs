namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// One shard of a search: an index, one of its shards, and the snapshot it reads (fixed for a point in time).
/// <see cref="ShardIndex"/> is the shard's position in the search (what <c>_shard_doc</c> and tie-breaking use).
/// </summary>
internal sealed class SearchTarget
{
    public SearchTarget(IndexState index, IndexSnapshot snapshot, int shardIndex, int shard)
    {
        Index = index;
        Snapshot = snapshot;
        ShardIndex = shardIndex;
        Shard = shard;
    }

    public IndexState Index { get; }
    public IndexSnapshot Snapshot { get; }
    public int ShardIndex { get; }

    /// <summary>The shard number within its index (0-based).</summary>
    public int Shard { get; }

    /// <summary>The shard's documents in index order.</summary>
    public StoredDocument[] Documents => Snapshot.OrderedIn(Shard, Index.Settings.NumberOfShards);

    /// <summary>The shard's documents in no particular order, for a caller that sorts what it keeps.</summary>
    public StoredDocument[] UnorderedDocuments
    {
        get
        {
            var all = Snapshot.All;
            return Index.Settings.NumberOfShards == 1 ? all : System.Array.FindAll(all, d => d.Shard == Shard);
        }
    }
}
