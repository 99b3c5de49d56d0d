using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Synced.Emulators.Elasticsearch;

/// <summary>An open point in time: the index snapshots at open time, plus sorted results cached per query.</summary>
internal sealed class PointInTime
{
    public PointInTime(string id, SearchTarget[] targets, TimeSpan keepAlive)
    {
        Id = id;
        Targets = targets;
        Touch(keepAlive);
    }

    public string Id { get; }
    public SearchTarget[] Targets { get; }
    public long ExpiresAt { get; private set; }

    /// <summary>Sorted hits by query+sort: a PIT never changes, so later pages reuse the first page's work.</summary>
    public ConcurrentDictionary<string, SearchResult> Results { get; } = new(StringComparer.Ordinal);

    public void Touch(TimeSpan keepAlive) => ExpiresAt = Stopwatch.GetTimestamp() + (long)(keepAlive.TotalSeconds * Stopwatch.Frequency);
}
