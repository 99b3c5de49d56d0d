namespace Synced.Emulators.Elasticsearch;

/// <summary>What an injected search fault does to one answer.</summary>
internal enum SearchFault
{
    None,

    /// <summary>One shard failed: its hits are missing and <c>_shards.failures</c> says why.</summary>
    ShardFailure,

    /// <summary>The search ran past its timeout: <c>timed_out: true</c> with the hits collected so far.</summary>
    TimedOut,
}
