using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>The settings of one index, kept flat (<c>index.refresh_interval</c>) as ES stores them.</summary>
internal sealed class IndexSettings
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public IndexSettings(string name, string uuid, string version)
    {
        Major = int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 7;
        _values["index.number_of_shards"] = "1";
        _values["index.number_of_replicas"] = "1";
        _values["index.provided_name"] = name;
        _values["index.uuid"] = uuid;
        _values["index.creation_date"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        _values["index.version.created"] = VersionId(version);
    }

    /// <summary>How often the index refreshes; null when disabled (<c>-1</c>).</summary>
    public TimeSpan? RefreshInterval { get; private set; } = TimeSpan.FromSeconds(1);

    // Read by searches and health checks without the index lock, so kept apart from the dictionary.
    public int NumberOfReplicas { get; private set; } = 1;

    public int MaxResultWindow { get; private set; } = 10000;

    /// <summary>The major version of the node that created the index (error texts differ between 7.x and 8.x).</summary>
    public int Major { get; }

    /// <summary><c>index.gc_deletes</c>: how long a delete's version is remembered (60 s by default).</summary>
    public TimeSpan GcDeletes { get; private set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>index.mapping.total_fields.limit</c>: most fields and objects a mapping may hold.</summary>
    public long TotalFieldsLimit { get; private set; } = 1000;

    /// <summary><c>index.mapping.depth.limit</c>: deepest object nesting (the root counts as 1).</summary>
    public long DepthLimit { get; private set; } = 20;

    /// <summary>Primary shards; fixed at creation (a final setting).</summary>
    public int NumberOfShards { get; private set; } = 1;

    /// <summary><c>index.number_of_routing_shards</c>: the hash space documents are routed over.</summary>
    public int RoutingShards { get; private set; } = ShardRouting.DefaultRoutingShards(1);

    /// <summary>Applies a settings body, nested (<c>{"index":{"refresh_interval":"1s"}}</c>) or flat.</summary>
    public void Apply(JsonElement settings, bool creating)
    {
        var flat = new List<KeyValuePair<string, string?>>();
        Flatten(settings, "", flat);
        foreach (var (rawKey, value) in flat)
        {
            var key = rawKey.StartsWith("index.", StringComparison.Ordinal) ? rawKey : "index." + rawKey;
            if (!creating && key is "index.number_of_shards" or "index.number_of_routing_shards")
                throw Errors.IllegalArgument($"final index setting [{key}], not updateable");
            if (key == "index.refresh_interval")
            {
                RefreshInterval = value is null ? TimeSpan.FromSeconds(1) : ParseInterval(key, value);
            }
            if (key is "index.number_of_shards" or "index.number_of_routing_shards" or "index.number_of_replicas" or "index.max_result_window")
            {
                if (value is not null && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    throw Errors.IllegalArgument($"Failed to parse value [{value}] for setting [{key}]");
            }
            if (key == "index.number_of_shards" && value is not null)
            {
                // IndexMetadata.SETTING_NUMBER_OF_SHARDS: an int setting from 1 to 1024.
                var shards = int.Parse(value, CultureInfo.InvariantCulture);
                if (shards < 1) throw Errors.IllegalArgument($"Failed to parse value [{value}] for setting [{key}] must be >= 1");
                if (shards > 1024) throw Errors.IllegalArgument($"Failed to parse value [{value}] for setting [{key}] must be <= 1024");
            }
            if (value is null)
            {
                if (key is "index.number_of_shards" or "index.number_of_replicas") _values[key] = "1";
                else _values.Remove(key);
            }
            else
            {
                _values[key] = value;
            }
        }
        NumberOfReplicas = int.Parse(_values["index.number_of_replicas"], CultureInfo.InvariantCulture);
        TotalFieldsLimit = LongSetting("index.mapping.total_fields.limit", 1000);
        GcDeletes = _values.TryGetValue("index.gc_deletes", out var gc) ? TimeValue.Parse("index.gc_deletes", gc) : TimeSpan.FromSeconds(60);
        DepthLimit = LongSetting("index.mapping.depth.limit", 20);
        if (creating)
        {
            NumberOfShards = int.Parse(_values["index.number_of_shards"], CultureInfo.InvariantCulture);
            RoutingShards = _values.TryGetValue("index.number_of_routing_shards", out var routing)
                ? int.Parse(routing, CultureInfo.InvariantCulture)
                : ShardRouting.DefaultRoutingShards(NumberOfShards);
            // MetadataCreateIndexService: the routing shards must be a multiple of the shards (a factor 2^n).
            if (RoutingShards < NumberOfShards || RoutingShards % NumberOfShards != 0)
                throw Errors.IllegalArgument($"the number of source shards [{NumberOfShards}] must be a factor of [{RoutingShards}]");
        }
        MaxResultWindow = _values.TryGetValue("index.max_result_window", out var window) ? int.Parse(window, CultureInfo.InvariantCulture) : 10000;
    }

    private long LongSetting(string key, long whenAbsent)
    {
        if (!_values.TryGetValue(key, out var text)) return whenAbsent;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Errors.IllegalArgument($"Failed to parse value [{text}] for setting [{key}]");
        if (value < 0) throw Errors.IllegalArgument($"Failed to parse value [{text}] for setting [{key}] must be >= 0");
        return value;
    }

    /// <summary>Writes the settings nested, or flat with <c>flat_settings=true</c>; call under the index lock.</summary>
    public void WriteTo(Utf8JsonWriter w, bool flatSettings)
    {
        if (flatSettings)
        {
            w.WriteStartObject();
            foreach (var (k, v) in _values) w.WriteString(k, v);
            w.WriteEndObject();
            return;
        }
        var tree = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in _values)
        {
            var parts = k.Split('.');
            var node = tree;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child) || child is not SortedDictionary<string, object> childTree)
                {
                    childTree = new SortedDictionary<string, object>(StringComparer.Ordinal);
                    node[parts[i]] = childTree;
                }
                node = childTree;
            }
            node[parts[^1]] = v;
        }
        WriteTree(w, tree);
    }

    private static void WriteTree(Utf8JsonWriter w, SortedDictionary<string, object> tree)
    {
        w.WriteStartObject();
        foreach (var (k, v) in tree)
        {
            w.WritePropertyName(k);
            if (v is string s) w.WriteStringValue(s);
            else WriteTree(w, (SortedDictionary<string, object>)v);
        }
        w.WriteEndObject();
    }

    private static void Flatten(JsonElement e, string prefix, List<KeyValuePair<string, string?>> into)
    {
        foreach (var p in e.EnumerateObject())
        {
            var key = prefix + p.Name;
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Object: Flatten(p.Value, key + ".", into); break;
                case JsonValueKind.Null: into.Add(new(key, null)); break;
                case JsonValueKind.String: into.Add(new(key, p.Value.GetString())); break;
                default: into.Add(new(key, p.Value.GetRawText())); break;
            }
        }
    }

    /// <summary>Parses an ES time value (<c>1s</c>, <c>500ms</c>, <c>-1</c>); null means disabled.</summary>
    public static TimeSpan? ParseInterval(string setting, string value)
    {
        if (value == "-1") return null;
        var t = TimeValue.TryParse(value)
            ?? throw Errors.IllegalArgument($"failed to parse setting [{setting}] with value [{value}] as a time value: unit is missing or unrecognized");
        return t;
    }

    /// <summary>ES's internal version id, e.g. 7.17.5 -> 7170599.</summary>
    public static string VersionId(string version)
    {
        var parts = version.Split('.', '-');
        int Part(int i) => i < parts.Length && int.TryParse(parts[i], out var n) ? n : 0;
        return (Part(0) * 1000000 + Part(1) * 10000 + Part(2) * 100 + 99).ToString(CultureInfo.InvariantCulture);
    }
}
