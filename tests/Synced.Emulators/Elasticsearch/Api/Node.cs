using System;

namespace Synced.Emulators.Elasticsearch;

/// <summary>What every REST handler shares: the cluster state, open search contexts, faults and identity.</summary>
internal sealed class Node
{
    public Node(ElasticsearchEmulatorOptions options, ElasticsearchFaults faults)
    {
        Options = options;
        Faults = faults;
        // OpenSearch forked Elasticsearch 7.10.2 and serves its REST API.
        Cluster = new Cluster(options.IsOpenSearch ? "7.10.2" : options.Version);
        ClusterUuid = Guid.NewGuid().ToString("N").Substring(0, 22);
    }

    public ElasticsearchEmulatorOptions Options { get; }
    public ElasticsearchFaults Faults { get; }
    public Cluster Cluster { get; }
    public SearchContexts Contexts { get; } = new();
    public string NodeName { get; } = "synced-emulator";
    public string ClusterUuid { get; }

    /// <summary>host:port clients reach the node at (for the nodes info that sniffing reads).</summary>
    public string PublishAddress { get; set; } = "127.0.0.1:9200";
    public string NodeId { get; } = Guid.NewGuid().ToString("N").Substring(0, 22);

    /// <summary>Point in time arrived in 7.10; older versions only scroll (OpenSearch's own PIT API is not emulated).</summary>
    public bool SupportsPointInTime
    {
        get
        {
            if (Options.IsOpenSearch) return false;
            var parts = Options.Version.Split('.');
            var major = int.TryParse(parts[0], out var m) ? m : 7;
            var minor = parts.Length > 1 && int.TryParse(parts[1], out var n) ? n : 0;
            return major > 7 || (major == 7 && minor >= 10);
        }
    }

    /// <summary>Whether responses carry <c>_type: _doc</c>: 7.x does, 8.x only in 7-compatibility mode.</summary>
    public bool Typed(RestRequest request) => Options.IsOpenSearch
        ? Options.Version.StartsWith("1.", StringComparison.Ordinal) // OpenSearch 2.0 removed _type from responses
        : Cluster.Major < 8 || request.CompatibleWith == 7;
}
