using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>What the cluster's DDL may use: its data centers (NetworkTopologyStrategy options must name them) and Cassandra 5.0 features.</summary>
internal sealed record SchemaFeatures(IReadOnlyCollection<string> DataCenters, bool Cassandra5)
{
    public static readonly SchemaFeatures Default = new(new[] { "datacenter1" }, false);
}
