using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Synced.Emulators.Elasticsearch;

/// <summary>An open scroll: the full sorted result of its search and how far the client has read.</summary>
internal sealed class ScrollContext
{
    public ScrollContext(string id, SearchResult hits, SearchRequestModel request, IReadOnlyList<SearchTarget> targets, TimeSpan keepAlive)
    {
        Id = id;
        Hits = hits;
        Request = request;
        Targets = targets;
        Touch(keepAlive);
    }

    public string Id { get; }
    public SearchResult Hits { get; }
    public SearchRequestModel Request { get; }
    /// <summary>The shards that answered the first page (the scroll's contexts).</summary>
    public IReadOnlyList<SearchTarget> Targets { get; }
    public int Position { get; set; }
    public long ExpiresAt { get; private set; }
    public object Gate { get; } = new();

    public void Touch(TimeSpan keepAlive) => ExpiresAt = Stopwatch.GetTimestamp() + (long)(keepAlive.TotalSeconds * Stopwatch.Frequency);
}
