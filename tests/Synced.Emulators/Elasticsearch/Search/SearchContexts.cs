using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Synced.Emulators.Elasticsearch;

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
