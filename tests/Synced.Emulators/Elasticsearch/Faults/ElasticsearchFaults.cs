using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// Fault injection for tests: rejected bulk items (429), failed requests (5xx), latency, dropped connections,
/// and hooks that run before a request is handled (to play a concurrent writer between a _mget and a _bulk).
/// Every rule is counted: it applies to the next N matching requests or items, then retires.
/// </summary>
public sealed class ElasticsearchFaults
{
    private readonly object _gate = new();
    private readonly List<CountedRule<BulkItemInfo>> _bulkRejections = new();
    private readonly List<(CountedRule<EmulatedRequest> Rule, int Status)> _failures = new();
    private readonly List<CountedRule<EmulatedRequest>> _disconnects = new();
    private readonly List<(CountedRule<EmulatedRequest> Rule, Func<EmulatedRequest, Task> Action)> _beforeHooks = new();
    private readonly List<(Func<EmulatedRequest, bool> Match, TimeSpan Delay)> _latencies = new();
    private readonly List<(CountedRule<EmulatedRequest> Rule, SearchFault Fault)> _searchFaults = new();

    /// <summary>Rejects the next <paramref name="count"/> bulk items (matching <paramref name="match"/>) with 429 es_rejected_execution_exception.</summary>
    public void RejectBulkItems(int count, Func<BulkItemInfo, bool>? match = null)
    {
        lock (_gate) _bulkRejections.Add(new CountedRule<BulkItemInfo>(count, match));
    }

    /// <summary>Fails the next <paramref name="count"/> requests (matching <paramref name="match"/>) with the given 5xx (or 429) status.</summary>
    public void FailRequests(int count, int statusCode = 503, Func<EmulatedRequest, bool>? match = null)
    {
        if (statusCode is < 400 or > 599) throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "an error status (400-599) is needed");
        lock (_gate) _failures.Add((new CountedRule<EmulatedRequest>(count, match), statusCode));
    }

    /// <summary>Delays every request matching <paramref name="match"/> (all when null) by <paramref name="delay"/>, until <see cref="Clear"/>.</summary>
    public void AddLatency(TimeSpan delay, Func<EmulatedRequest, bool>? match = null)
    {
        lock (_gate) _latencies.Add((match ?? (_ => true), delay));
    }

    /// <summary>Closes the connection abruptly, without a response, for the next <paramref name="count"/> matching requests.</summary>
    public void CloseConnections(int count, Func<EmulatedRequest, bool>? match = null)
    {
        lock (_gate) _disconnects.Add(new CountedRule<EmulatedRequest>(count, match));
    }

    /// <summary>
    /// Runs <paramref name="action"/> before the next <paramref name="count"/> matching requests are handled: e.g. write
    /// a newer document just before the sync's <c>_bulk</c> arrives, to reproduce a concurrent writer.
    /// </summary>
    public void BeforeRequest(Func<EmulatedRequest, bool> match, Func<EmulatedRequest, Task> action, int count = 1)
    {
        lock (_gate) _beforeHooks.Add((new CountedRule<EmulatedRequest>(count, match), action));
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching searches (<c>_search</c> with or without a point in time, a
    /// scroll's first page or <c>_search/scroll</c>) with their first shard failed: HTTP 200, that shard's hits left
    /// out, <c>_shards.failed</c> counting it and <c>_shards.failures</c> naming shard, index and reason, as
    /// Elasticsearch answers a partial result. A search of a single shard fails as a whole ("all shards failed").
    /// </summary>
    public void FailSearchShards(int count, Func<EmulatedRequest, bool>? match = null)
    {
        lock (_gate) _searchFaults.Add((new CountedRule<EmulatedRequest>(count, match), SearchFault.ShardFailure));
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching searches with <c>timed_out: true</c> and only the hits
    /// collected "before the timeout" (the first half of the page), as a search that ran past its <c>timeout</c>.
    /// </summary>
    public void TimeOutSearches(int count, Func<EmulatedRequest, bool>? match = null)
    {
        lock (_gate) _searchFaults.Add((new CountedRule<EmulatedRequest>(count, match), SearchFault.TimedOut));
    }

    /// <summary>Called for every request before it is handled (after fault rules); null for none.</summary>
    public Func<EmulatedRequest, CancellationToken, Task>? OnRequest { get; set; }

    /// <summary>Removes every rule and hook.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _bulkRejections.Clear();
            _failures.Clear();
            _disconnects.Clear();
            _beforeHooks.Clear();
            _latencies.Clear();
            _searchFaults.Clear();
        }
        OnRequest = null;
    }

    internal TimeSpan LatencyFor(EmulatedRequest request)
    {
        var total = TimeSpan.Zero;
        lock (_gate)
            foreach (var (match, delay) in _latencies)
                if (match(request)) total += delay;
        return total;
    }

    internal bool TakeDisconnect(EmulatedRequest request)
    {
        lock (_gate) return Take(_disconnects, request);
    }

    internal int? TakeFailure(EmulatedRequest request)
    {
        lock (_gate)
        {
            for (var i = 0; i < _failures.Count; i++)
            {
                var (rule, status) = _failures[i];
                if (!rule.Matches(request)) continue;
                if (rule.Consume()) _failures.RemoveAt(i);
                return status;
            }
        }
        return null;
    }

    internal List<Func<EmulatedRequest, Task>> TakeBeforeHooks(EmulatedRequest request)
    {
        var result = new List<Func<EmulatedRequest, Task>>();
        lock (_gate)
        {
            for (var i = 0; i < _beforeHooks.Count; i++)
            {
                var (rule, action) = _beforeHooks[i];
                if (!rule.Matches(request)) continue;
                result.Add(action);
                if (rule.Consume()) _beforeHooks.RemoveAt(i--);
            }
        }
        return result;
    }

    internal SearchFault TakeSearchFault(EmulatedRequest request)
    {
        lock (_gate)
        {
            for (var i = 0; i < _searchFaults.Count; i++)
            {
                var (rule, fault) = _searchFaults[i];
                if (!rule.Matches(request)) continue;
                if (rule.Consume()) _searchFaults.RemoveAt(i);
                return fault;
            }
        }
        return SearchFault.None;
    }

    internal bool TakeBulkRejection(BulkItemInfo item)
    {
        lock (_gate) return Take(_bulkRejections, item);
    }

    private static bool Take<T>(List<CountedRule<T>> rules, T subject)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (!rules[i].Matches(subject)) continue;
            if (rules[i].Consume()) rules.RemoveAt(i);
            return true;
        }
        return false;
    }

    private sealed class CountedRule<T>
    {
        private readonly Func<T, bool>? _match;
        private int _remaining;

        public CountedRule(int count, Func<T, bool>? match)
        {
            if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the count must be positive");
            _remaining = count;
            _match = match;
        }

        public bool Matches(T subject) => _match is null || _match(subject);

        /// <summary>Uses one application; true when the rule is spent.</summary>
        public bool Consume() => --_remaining <= 0;
    }
}
