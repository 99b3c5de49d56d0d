using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Synced.Cql.Cluster;

namespace Synced.Cql.Tokens;

/// <summary>
/// The Murmur3 token ring: which node owns which tokens. Gives the primary range(s) of each node, the replicas
/// of a token for a keyspace's replication, and splits of the ring for parallel scans.
/// </summary>
public sealed class TokenRing
{
    private readonly long[] _tokens;
    private readonly CqlHost[] _owners;
    private readonly Dictionary<string, int> _nodesPerDataCenter;
    private readonly Dictionary<string, int> _racksPerDataCenter;

    // Replicas per replication map (canonical text) and token index, computed on first use: every statement
    // asks, and a ring walk per statement would cost O(tokens) on clusters with many vnodes.
    // Keyed by the map object (weakly, so maps replaced by a schema reload are dropped with their entries).
    private readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, IReadOnlyList<CqlHost>?[]> _replicaCache =
        new();
    private readonly IReadOnlyList<CqlHost>?[] _primaryCache;

    // Made once: a lambda capturing the ring would be a new delegate on every lookup (every statement, every id).
    private readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, IReadOnlyList<CqlHost>?[]>.CreateValueCallback _newReplicaCache;

    public TokenRing(IEnumerable<CqlHost> hosts)
    {
        var pairs = hosts.SelectMany(h => h.Tokens.Select(t => (Token: t, Host: h))).OrderBy(p => p.Token).ToArray();
        _tokens = pairs.Select(p => p.Token).ToArray();
        _owners = pairs.Select(p => p.Host).ToArray();
        Hosts = _owners.Distinct().ToArray();
        _primaryCache = new IReadOnlyList<CqlHost>?[_tokens.Length];
        _newReplicaCache = _ => new IReadOnlyList<CqlHost>?[_tokens.Length];
        _nodesPerDataCenter = Hosts.GroupBy(DataCenterOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _racksPerDataCenter = Hosts.GroupBy(DataCenterOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(RackOf).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
    }

    /// <summary>Hosts that own tokens.</summary>
    public IReadOnlyList<CqlHost> Hosts { get; }

    /// <summary>True when no token is known (e.g. the node did not report any).</summary>
    public bool IsEmpty => _tokens.Length == 0;

    /// <summary>Every range between consecutive tokens with its owner, in ring order (the first one wraps).</summary>
    public IReadOnlyList<KeyValuePair<TokenRange, CqlHost>> Ranges
    {
        get
        {
            var ranges = new List<KeyValuePair<TokenRange, CqlHost>>(_tokens.Length);
            for (var i = 0; i < _tokens.Length; i++)
            {
                var previous = _tokens[(i + _tokens.Length - 1) % _tokens.Length];
                ranges.Add(new KeyValuePair<TokenRange, CqlHost>(new TokenRange(previous, _tokens[i]), _owners[i]));
            }

            return ranges;
        }
    }

    /// <summary>The ranges a node is the primary owner of.</summary>
    public IReadOnlyList<TokenRange> GetPrimaryRanges(CqlHost host)
        => Ranges.Where(r => ReferenceEquals(r.Value, host)).Select(r => r.Key).ToArray();

    /// <summary>The node owning a token (the first token at or after it, wrapping).</summary>
    public CqlHost? GetPrimaryOwner(long token) => _tokens.Length == 0 ? null : _owners[IndexOf(token)];

    /// <summary>
    /// Replicas of a token under a keyspace replication map, primary first, placed as Cassandra places them:
    /// SimpleStrategy takes the next <c>replication_factor</c> distinct nodes clockwise; NetworkTopologyStrategy
    /// walks the ring once per token and, in each data center, takes nodes of racks not yet used, accepting a
    /// node of a rack already used only while the data center has fewer racks than its factor. Just the
    /// primary owner when the strategy is unknown (LocalStrategy, EverywhereStrategy, none given).
    /// </summary>
    public IReadOnlyList<CqlHost> GetReplicas(long token, IReadOnlyDictionary<string, string>? replication)
    {
        if (_tokens.Length == 0)
        {
            return Array.Empty<CqlHost>();
        }

        var index = IndexOf(token);
        var cache = replication == null
            ? _primaryCache
            : _replicaCache.GetValue(replication, _newReplicaCache);
        var replicas = cache[index];
        if (replicas == null)
        {
            replicas = ComputeReplicas(index, replication);
            cache[index] = replicas;
        }

        return replicas;
    }

    /// <summary>Replicas of the tokens of a range that does not cross a token of the ring (e.g. a piece of a primary range).</summary>
    public IReadOnlyList<CqlHost> GetReplicas(TokenRange range, IReadOnlyDictionary<string, string>? replication)
        => GetReplicas(range.End, replication);

    private CqlHost[] ComputeReplicas(int start, IReadOnlyDictionary<string, string>? replication)
    {
        var strategy = replication != null && replication.TryGetValue("class", out var c) ? c : string.Empty;
        if (strategy.EndsWith("SimpleStrategy", StringComparison.Ordinal))
        {
            var factor = ParseFactor(replication!.TryGetValue("replication_factor", out var rf) ? rf : null) ?? 1;
            var replicas = new List<CqlHost>(factor);
            for (var i = 0; i < _tokens.Length && replicas.Count < factor; i++)
            {
                var host = _owners[(start + i) % _tokens.Length];
                if (!replicas.Contains(host))
                {
                    replicas.Add(host);
                }
            }

            return replicas.ToArray();
        }

        if (strategy.EndsWith("NetworkTopologyStrategy", StringComparison.Ordinal))
        {
            return NetworkTopologyReplicas(start, replication!);
        }

        return new[] { _owners[start] };
    }

    private CqlHost[] NetworkTopologyReplicas(int start, IReadOnlyDictionary<string, string> replication)
    {
        // Per data center: replicas still wanted, and how many may share a rack already used.
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        var rackRepeats = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in replication)
        {
            var factor = pair.Key == "class" ? null : ParseFactor(pair.Value);
            if (factor is int rf && rf > 0 && _nodesPerDataCenter.TryGetValue(pair.Key, out var nodes))
            {
                left[pair.Key] = Math.Min(rf, nodes);
                rackRepeats[pair.Key] = rf - _racksPerDataCenter[pair.Key];
            }
        }

        var replicas = new List<CqlHost>();
        var usedRacks = new HashSet<(string, string)>();
        var dataCentersToFill = left.Count;
        for (var i = 0; i < _tokens.Length && dataCentersToFill > 0; i++)
        {
            var host = _owners[(start + i) % _tokens.Length];
            var dc = DataCenterOf(host);
            if (!left.TryGetValue(dc, out var wanted) || wanted == 0)
            {
                continue;
            }

            if (usedRacks.Add((dc, RackOf(host))))
            {
                // A rack not used yet: the host cannot be a replica already (each host has one rack).
                replicas.Add(host);
            }
            else if (rackRepeats[dc] > 0 && !replicas.Contains(host))
            {
                replicas.Add(host);
                rackRepeats[dc]--;
            }
            else
            {
                continue;
            }

            left[dc] = wanted - 1;
            if (wanted == 1)
            {
                dataCentersToFill--;
            }
        }

        return replicas.ToArray();
    }

    /// <summary>A replication factor: <c>3</c>, or <c>3/1</c> (transient replicas count as replicas for routing).</summary>
    private static int? ParseFactor(string? text)
    {
        if (text == null)
        {
            return null;
        }

        var slash = text.IndexOf('/');
        var full = slash < 0 ? text : text.Substring(0, slash);
        return int.TryParse(full.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var factor) ? factor : (int?)null;
    }

    private static string DataCenterOf(CqlHost host) => host.DataCenter ?? string.Empty;

    private static string RackOf(CqlHost host) => host.Rack ?? string.Empty;

    /// <summary>Splits the whole ring (MinToken, MaxToken] into <paramref name="count"/> contiguous, non-wrapping ranges.</summary>
    public static IReadOnlyList<TokenRange> Split(int count) => TokenRange.FullRing.Split(count);

    private int IndexOf(long token)
    {
        var index = Array.BinarySearch(_tokens, token);
        if (index < 0)
        {
            index = ~index;
        }

        return index == _tokens.Length ? 0 : index;
    }
}
