namespace Synced.Core.Model;

/// <summary>The finest time a store can hold in <c>tmstmp</c>; comparisons happen at the coarser of two.</summary>
public enum TimestampPrecision
{
    /// <summary>100 ns ticks (a Cassandra timeuuid).</summary>
    Ticks,

    /// <summary>Milliseconds (an Elasticsearch <c>date</c>).</summary>
    Milliseconds,
}
