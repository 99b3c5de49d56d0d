using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Cluster;

/// <summary>
/// A keyspace's replication as Cassandra's locator strategies read it: LocalStrategy (the node itself: system
/// keyspaces), SimpleStrategy (replication_factor replicas clockwise on the ring) and NetworkTopologyStrategy (a
/// factor per data center; 'replication_factor' sets every data center).
/// </summary>
internal sealed class ReplicationStrategy
{
    public const string Local = "org.apache.cassandra.locator.LocalStrategy";
    public const string Simple = "org.apache.cassandra.locator.SimpleStrategy";
    public const string NetworkTopology = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    private ReplicationStrategy(string className, int factor, IReadOnlyDictionary<string, int> perDataCenter)
    {
        ClassName = className;
        Factor = factor;
        PerDataCenter = perDataCenter;
    }

    public string ClassName { get; }
    public bool IsLocal => ClassName == Local;
    public bool IsNetworkTopology => ClassName == NetworkTopology;
    /// <summary>SimpleStrategy's replication_factor; for NetworkTopologyStrategy the sum over data centers.</summary>
    public int Factor { get; }
    /// <summary>NetworkTopologyStrategy's factor per data center (empty for the other strategies).</summary>
    public IReadOnlyDictionary<string, int> PerDataCenter { get; }

    public static readonly ReplicationStrategy LocalOnly = new(Local, 1, new Dictionary<string, int>());

    public int FactorIn(string dataCenter) => IsNetworkTopology ? PerDataCenter.GetValueOrDefault(dataCenter) : Factor;

    /// <summary>Reads a keyspace's replication map; <paramref name="dataCenters"/> are the cluster's, which NTS options must name.</summary>
    public static ReplicationStrategy Parse(string keyspace, IReadOnlyDictionary<string, string> replication, IReadOnlyCollection<string> dataCenters)
    {
        var className = replication.TryGetValue("class", out var c) ? c : throw new CqlConfigurationException("Missing replication strategy class");
        switch (className)
        {
            case Local:
                return LocalOnly;
            case Simple:
            {
                if (!replication.TryGetValue("replication_factor", out var rf))
                    throw new CqlConfigurationException("SimpleStrategy requires a replication_factor strategy option.");
                foreach (var key in replication.Keys)
                    if (key is not ("class" or "replication_factor"))
                        throw new CqlConfigurationException($"Unrecognized strategy option {{{key}}} passed to SimpleStrategy for keyspace {keyspace}");
                return new ReplicationStrategy(Simple, ParseFactor(rf), new Dictionary<string, int>());
            }
            case NetworkTopology:
            {
                var perDc = new Dictionary<string, int>(StringComparer.Ordinal);
                if (replication.TryGetValue("replication_factor", out var all))
                    foreach (var dc in dataCenters) perDc[dc] = ParseFactor(all);
                foreach (var pair in replication)
                {
                    if (pair.Key is "class" or "replication_factor") continue;
                    // Cassandra 4.0+ refuses data centers the cluster does not have (CASSANDRA-12681).
                    if (!dataCenters.Contains(pair.Key))
                        throw new CqlConfigurationException($"Unrecognized strategy option {{{pair.Key}}} passed to NetworkTopologyStrategy for keyspace {keyspace}");
                    perDc[pair.Key] = ParseFactor(pair.Value);
                }
                return new ReplicationStrategy(NetworkTopology, perDc.Values.Sum(), perDc);
            }
            default:
                throw new CqlConfigurationException($"Unable to find replication strategy class '{className}'");
        }
    }

    private static int ParseFactor(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rf))
            throw new CqlConfigurationException($"Replication factor must be non-negative; found {text}");
        return rf;
    }
}
