using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Cql.Cluster;

namespace Synced.Cql.Tokens
{
    /// <summary>
    /// The Murmur3 token ring: which node owns which tokens. Gives the primary range(s) of each node, the replicas
    /// of a token for a keyspace's replication, and splits of the ring for parallel scans.
    /// </summary>
    public sealed class TokenRing
    {
        private readonly long[] _tokens;
        private readonly CqlHost[] _owners;

        public TokenRing(IEnumerable<CqlHost> hosts)
        {
            var pairs = hosts.SelectMany(h => h.Tokens.Select(t => (Token: t, Host: h))).OrderBy(p => p.Token).ToArray();
            _tokens = pairs.Select(p => p.Token).ToArray();
            _owners = pairs.Select(p => p.Host).ToArray();
            Hosts = _owners.Distinct().ToArray();
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
                for (int i = 0; i < _tokens.Length; i++)
                {
                    long previous = _tokens[(i + _tokens.Length - 1) % _tokens.Length];
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
        /// Replicas of a token under a keyspace replication map (SimpleStrategy or NetworkTopologyStrategy), primary first;
        /// just the primary owner when the strategy is unknown.
        /// </summary>
        public IReadOnlyList<CqlHost> GetReplicas(long token, IReadOnlyDictionary<string, string>? replication)
        {
            if (_tokens.Length == 0)
            {
                return Array.Empty<CqlHost>();
            }

            int start = IndexOf(token);
            string strategy = replication != null && replication.TryGetValue("class", out string? c) ? c : string.Empty;
            var replicas = new List<CqlHost>();
            if (strategy.EndsWith("SimpleStrategy", StringComparison.Ordinal)
                && int.TryParse(replication!.TryGetValue("replication_factor", out string? rf) ? rf : "1", NumberStyles.Integer, CultureInfo.InvariantCulture, out int factor))
            {
                for (int i = 0; i < _tokens.Length && replicas.Count < factor; i++)
                {
                    CqlHost host = _owners[(start + i) % _tokens.Length];
                    if (!replicas.Contains(host))
                    {
                        replicas.Add(host);
                    }
                }

                return replicas;
            }

            if (strategy.EndsWith("NetworkTopologyStrategy", StringComparison.Ordinal))
            {
                var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, string> pair in replication!)
                {
                    if (pair.Key != "class" && int.TryParse(pair.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                    {
                        wanted[pair.Key] = n;
                    }
                }

                for (int i = 0; i < _tokens.Length; i++)
                {
                    CqlHost host = _owners[(start + i) % _tokens.Length];
                    string dc = host.DataCenter ?? string.Empty;
                    if (!replicas.Contains(host) && wanted.TryGetValue(dc, out int left) && left > 0)
                    {
                        replicas.Add(host);
                        wanted[dc] = left - 1;
                    }
                }

                return replicas;
            }

            return new[] { _owners[start] };
        }

        /// <summary>Splits the whole ring (MinToken, MaxToken] into <paramref name="count"/> contiguous, non-wrapping ranges.</summary>
        public static IReadOnlyList<TokenRange> Split(int count) => TokenRange.FullRing.Split(count);

        private int IndexOf(long token)
        {
            int index = Array.BinarySearch(_tokens, token);
            if (index < 0)
            {
                index = ~index;
            }

            return index == _tokens.Length ? 0 : index;
        }
    }
}
