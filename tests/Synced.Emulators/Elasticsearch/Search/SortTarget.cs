namespace Synced.Emulators.Elasticsearch;

/// <summary>What a sort clause sorts on.</summary>
internal enum SortTarget
{
    Field,
    Score,
    Doc,
    ShardDoc,
}
