using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Node and cluster endpoints: <c>GET /</c>, <c>_cluster/health</c>, <c>_cat/indices</c>.</summary>
internal sealed class ClusterApi
{
    private static readonly string[] NodeRoles = { "data", "ingest", "master" };
    private readonly Node _node;

    public ClusterApi(Node node) => _node = node;

    public RestResponse Root(RestRequest request)
    {
        if (request.Method == "HEAD") return RestResponse.Empty(200);
        var version = _node.Options.Version;
        var major = _node.Cluster.Major;
        if (_node.Options.IsOpenSearch) return OpenSearchRoot(version);
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", _node.NodeName);
            w.WriteString("cluster_name", "synced-emulator");
            w.WriteString("cluster_uuid", _node.ClusterUuid);
            w.WritePropertyName("version");
            w.WriteStartObject();
            w.WriteString("number", version);
            w.WriteString("build_flavor", "default");
            w.WriteString("build_type", "docker");
            w.WriteString("build_hash", "0000000000000000000000000000000000000000");
            w.WriteString("build_date", "2022-06-23T21:57:28.736740635Z");
            w.WriteBoolean("build_snapshot", false);
            w.WriteString("lucene_version", major >= 8 ? "9.11.1" : "8.11.1");
            w.WriteString("minimum_wire_compatibility_version", major >= 8 ? "7.17.0" : "6.8.0");
            w.WriteString("minimum_index_compatibility_version", major >= 8 ? "7.0.0" : "6.0.0-beta1");
            w.WriteEndObject();
            w.WriteString("tagline", "You Know, for Search");
            w.WriteEndObject();
        });
    }

    /// <summary>OpenSearch's root document: its own version number, <c>distribution: opensearch</c>, its tagline.</summary>
    private RestResponse OpenSearchRoot(string version) => RestResponse.Ok(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", _node.NodeName);
        w.WriteString("cluster_name", "synced-emulator");
        w.WriteString("cluster_uuid", _node.ClusterUuid);
        w.WritePropertyName("version");
        w.WriteStartObject();
        w.WriteString("distribution", "opensearch");
        w.WriteString("number", version);
        w.WriteString("build_type", "tar");
        w.WriteString("build_hash", "0000000000000000000000000000000000000000");
        w.WriteString("build_date", "2023-10-13T02:55:55.511945994Z");
        w.WriteBoolean("build_snapshot", false);
        w.WriteString("lucene_version", "9.7.0");
        w.WriteString("minimum_wire_compatibility_version", "7.10.0");
        w.WriteString("minimum_index_compatibility_version", "7.0.0");
        w.WriteEndObject();
        w.WriteString("tagline", "The OpenSearch Project: https://opensearch.org/");
        w.WriteEndObject();
    });

    /// <summary><c>GET /_nodes[/http,settings]</c>: the one node, with the HTTP address clients sniff.</summary>
    public RestResponse Nodes(RestRequest request)
    {
        var version = _node.Options.Version;
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("_nodes");
            w.WriteStartObject();
            w.WriteNumber("total", 1);
            w.WriteNumber("successful", 1);
            w.WriteNumber("failed", 0);
            w.WriteEndObject();
            w.WriteString("cluster_name", "synced-emulator");
            w.WritePropertyName("nodes");
            w.WriteStartObject();
            w.WritePropertyName(_node.NodeId);
            w.WriteStartObject();
            w.WriteString("name", _node.NodeName);
            w.WriteString("transport_address", "127.0.0.1:9300");
            w.WriteString("host", "127.0.0.1");
            w.WriteString("ip", "127.0.0.1");
            w.WriteString("version", version);
            w.WriteString("build_flavor", "default");
            w.WriteString("build_type", "docker");
            w.WriteString("build_hash", "0000000000000000000000000000000000000000");
            w.WritePropertyName("roles");
            w.WriteStartArray();
            foreach (var role in NodeRoles) w.WriteStringValue(role);
            w.WriteEndArray();
            w.WritePropertyName("http");
            w.WriteStartObject();
            w.WritePropertyName("bound_address");
            w.WriteStartArray();
            w.WriteStringValue(_node.PublishAddress);
            w.WriteEndArray();
            w.WriteString("publish_address", _node.PublishAddress);
            w.WriteNumber("max_content_length_in_bytes", _node.Options.MaxContentLength);
            w.WriteEndObject();
            w.WritePropertyName("settings");
            w.WriteStartObject();
            w.WriteString("cluster.name", "synced-emulator");
            w.WriteString("node.name", _node.NodeName);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public RestResponse Health(RestRequest request, string? expression)
    {
        var indices = _node.Cluster.Resolve(expression, allowNoIndices: true);
        var primaries = indices.Sum(i => i.Settings.NumberOfShards);
        var replicasWanted = indices.Sum(i => i.Settings.NumberOfReplicas * i.Settings.NumberOfShards);
        var status = replicasWanted > 0 ? "yellow" : "green";
        var waitFor = request.Param("wait_for_status");
        var timedOut = waitFor == "green" && status != "green";
        return RestResponse.Json(timedOut ? 408 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("cluster_name", "synced-emulator");
            w.WriteString("status", status);
            w.WriteBoolean("timed_out", timedOut);
            w.WriteNumber("number_of_nodes", 1);
            w.WriteNumber("number_of_data_nodes", 1);
            w.WriteNumber("active_primary_shards", primaries);
            w.WriteNumber("active_shards", primaries);
            w.WriteNumber("relocating_shards", 0);
            w.WriteNumber("initializing_shards", 0);
            w.WriteNumber("unassigned_shards", replicasWanted);
            w.WriteNumber("delayed_unassigned_shards", 0);
            w.WriteNumber("number_of_pending_tasks", 0);
            w.WriteNumber("number_of_in_flight_fetch", 0);
            w.WriteNumber("task_max_waiting_in_queue_millis", 0);
            w.WriteNumber("active_shards_percent_as_number", primaries + replicasWanted == 0 ? 100.0 : 100.0 * primaries / (primaries + replicasWanted));
            w.WriteEndObject();
        });
    }

    public RestResponse CatIndices(RestRequest request, string? expression)
    {
        var indices = _node.Cluster.Resolve(expression, allowNoIndices: true);
        var columns = new[] { "health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size", "pri.store.size" };
        var wanted = request.Param("h") is { } h ? h.Split(',', StringSplitOptions.RemoveEmptyEntries) : columns;
        var rows = indices.Select(i =>
        {
            var snapshot = i.Snapshot;
            long bytes = 0;
            foreach (var d in snapshot.Documents.Values) bytes += d.Source.Length;
            var size = FormatBytes(bytes);
            return new Dictionary<string, string>
            {
                ["health"] = i.Settings.NumberOfReplicas > 0 ? "yellow" : "green",
                ["status"] = "open",
                ["index"] = i.Name,
                ["uuid"] = i.Uuid,
                ["pri"] = i.Settings.NumberOfShards.ToString(CultureInfo.InvariantCulture),
                ["rep"] = i.Settings.NumberOfReplicas.ToString(CultureInfo.InvariantCulture),
                ["docs.count"] = snapshot.Documents.Count.ToString(CultureInfo.InvariantCulture),
                ["docs.deleted"] = "0",
                ["store.size"] = size,
                ["pri.store.size"] = size,
            };
        }).ToList();
        if (request.Param("s") is { } sortBy)
        {
            var key = sortBy.Split(':')[0];
            rows = rows.OrderBy(r => r.TryGetValue(key, out var v) ? v : "", StringComparer.Ordinal).ToList();
            if (sortBy.EndsWith(":desc", StringComparison.Ordinal)) rows.Reverse();
        }
        var format = request.Param("format") ?? (request.Accept.Contains("json", StringComparison.OrdinalIgnoreCase) ? "json" : "text");
        if (format == "json")
        {
            return RestResponse.Ok(w =>
            {
                w.WriteStartArray();
                foreach (var row in rows)
                {
                    w.WriteStartObject();
                    foreach (var c in wanted) w.WriteString(c, row.TryGetValue(c, out var v) ? v : null);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
        var text = new StringBuilder();
        if (request.Flag("v")) text.AppendLine(string.Join(' ', wanted));
        foreach (var row in rows) text.Append(string.Join(' ', wanted.Select(c => row.TryGetValue(c, out var v) ? v : ""))).Append('\n');
        return new RestResponse(200, Encoding.UTF8.GetBytes(text.ToString())) { Headers = new[] { ("Content-Type", "text/plain; charset=UTF-8") } };
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => bytes + "b",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + "kb",
        _ => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + "mb",
    };
}
