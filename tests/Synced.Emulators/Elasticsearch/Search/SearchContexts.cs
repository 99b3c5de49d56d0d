using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;

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

/// <summary>An open scroll: the full sorted result of its search and how far the client has read.</summary>
internal sealed class ScrollContext
{
    public ScrollContext(string id, SearchResult hits, SearchRequestModel request, int shards, TimeSpan keepAlive)
    {
        Id = id;
        Hits = hits;
        Request = request;
        Shards = shards;
        Touch(keepAlive);
    }

    public string Id { get; }
    public SearchResult Hits { get; }
    public SearchRequestModel Request { get; }
    public int Shards { get; }
    public int Position { get; set; }
    public long ExpiresAt { get; private set; }
    public object Gate { get; } = new();

    public void Touch(TimeSpan keepAlive) => ExpiresAt = Stopwatch.GetTimestamp() + (long)(keepAlive.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>The open points in time and scrolls of the node, expiring by keep-alive.</summary>
internal sealed class SearchContexts
{
    public ConcurrentDictionary<string, PointInTime> PointsInTime { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, ScrollContext> Scrolls { get; } = new(StringComparer.Ordinal);

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[30];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes);
    }

    public void ExpireOld()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (id, pit) in PointsInTime)
            if (pit.ExpiresAt < now) PointsInTime.TryRemove(id, out _);
        foreach (var (id, scroll) in Scrolls)
            if (scroll.ExpiresAt < now) Scrolls.TryRemove(id, out _);
    }
}
