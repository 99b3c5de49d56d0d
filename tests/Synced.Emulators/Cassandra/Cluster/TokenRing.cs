using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// The token ring: every node's tokens in order. A token belongs to the range (previous token, token] of the first
/// ring token at or after it (wrapping), and its replicas are found by walking the ring clockwise from there, as
/// Cassandra's AbstractReplicationStrategy.calculateNaturalReplicas does.
/// </summary>
internal sealed class TokenRing
{
    private readonly long[] _tokens;
    private readonly int[] _owners;
    private readonly IReadOnlyList<RingNode> _nodes;

    public TokenRing(IReadOnlyList<RingNode> nodes)
    {
        _nodes = nodes;
        var entries = nodes.SelectMany((n, i) => n.Tokens.Select(t => (Token: t, Owner: i))).OrderBy(e => e.Token).ToArray();
        if (entries.Length == 0) throw new ArgumentException("a ring needs at least one token", nameof(nodes));
        if (entries.Select(e => e.Token).Distinct().Count() != entries.Length) throw new ArgumentException("ring tokens must be distinct", nameof(nodes));
        _tokens = entries.Select(e => e.Token).ToArray();
        _owners = entries.Select(e => e.Owner).ToArray();
    }

    /// <summary>Where a node sits: its data center, rack and tokens.</summary>
    public sealed record RingNode(string DataCenter, string Rack, IReadOnlyList<long> Tokens);

    public int NodeCount => _nodes.Count;

    /// <summary>Evenly spread tokens for <paramref name="nodeCount"/> nodes, each with <paramref name="perNode"/>, interleaved and
    /// jittered by a fixed seed (a reproducible ring that is not perfectly regular, as allocated rings are not).</summary>
    public static long[][] GenerateTokens(int nodeCount, int perNode)
    {
        var total = (ulong)(nodeCount * perNode);
        var spacing = ulong.MaxValue / total;
        var random = new Random(20_240_601 + nodeCount * 1_000 + perNode);
        var result = new long[nodeCount][];
        for (var n = 0; n < nodeCount; n++) result[n] = new long[perNode];
        for (ulong k = 0; k < total; k++)
        {
            var jitter = (long)((random.NextDouble() - 0.5) * 0.5 * spacing);
            var position = unchecked(k * spacing + spacing / 2 + (ulong)jitter);
            result[(int)(k % (ulong)nodeCount)][(int)(k / (ulong)nodeCount)] = unchecked(long.MinValue + (long)position);
        }
        return result;
    }

    /// <summary>Index into the ring of the range holding <paramref name="token"/>: the first ring token at or after it.</summary>
    public int RangeIndexOf(long token)
    {
        var i = Array.BinarySearch(_tokens, token);
        if (i < 0) i = ~i;
        return i == _tokens.Length ? 0 : i;
    }

    /// <summary>The replicas (node indexes) of a token for a strategy, in ring order from the token's range.</summary>
    public IReadOnlyList<int> ReplicasOf(long token, ReplicationStrategy strategy) => ReplicasAt(RangeIndexOf(token), strategy);

    /// <summary>The replicas (node indexes) of the ring range at <paramref name="start"/> for a strategy, in ring order.</summary>
    public List<int> ReplicasAt(int start, ReplicationStrategy strategy)
    {
        var replicas = new List<int>();
        if (!strategy.IsNetworkTopology)
        {
            for (var k = 0; k < _tokens.Length && replicas.Count < Math.Min(strategy.Factor, _nodes.Count); k++)
            {
                var owner = _owners[(start + k) % _tokens.Length];
                if (!replicas.Contains(owner)) replicas.Add(owner);
            }
            return replicas;
        }
        foreach (var (dc, rf) in strategy.PerDataCenter)
        {
            var inDc = _nodes.Select((n, i) => (n, i)).Where(p => p.n.DataCenter == dc).ToList();
            var want = Math.Min(rf, inDc.Count);
            if (want == 0) continue;
            var racks = inDc.Select(p => p.n.Rack).Distinct().Count();
            // Distinct racks first (NetworkTopologyStrategy's rack awareness), then the nodes it skipped, in ring order.
            var chosen = new List<int>();
            var skipped = new List<int>();
            var seenRacks = new HashSet<string>();
            for (var k = 0; k < _tokens.Length && chosen.Count < want; k++)
            {
                var owner = _owners[(start + k) % _tokens.Length];
                var node = _nodes[owner];
                if (node.DataCenter != dc || chosen.Contains(owner) || skipped.Contains(owner)) continue;
                if (seenRacks.Count == racks || seenRacks.Add(node.Rack)) chosen.Add(owner);
                else skipped.Add(owner);
                if (seenRacks.Count == racks)
                    foreach (var s in skipped.ToList())
                        if (chosen.Count < want) { chosen.Add(s); skipped.Remove(s); }
            }
            replicas.AddRange(chosen);
        }
        return replicas;
    }

    /// <summary>
    /// The replica sets of every ring range that holds a token of [<paramref name="from"/>, <paramref name="to"/>]
    /// (inclusive, not wrapping), one per range, as a range read splits its ranges.
    /// </summary>
    public IEnumerable<IReadOnlyList<int>> ReplicasOfRange(long from, long to, ReplicationStrategy strategy)
    {
        if (from > to) yield break;
        var first = RangeIndexOf(from);
        var last = RangeIndexOf(to);
        // Walk from the range holding 'from' to the one holding 'to' (wrapping past the last token at most once).
        for (var i = first; ; i = (i + 1) % _tokens.Length)
        {
            yield return ReplicasAt(i, strategy);
            if (i == last) break;
        }
    }
}
