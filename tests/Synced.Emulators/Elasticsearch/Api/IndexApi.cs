using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Index endpoints: create, delete, exists, get, mappings, settings, refresh.</summary>
internal sealed class IndexApi
{
    private readonly Node _node;

    public IndexApi(Node node) => _node = node;

    private Cluster Cluster => _node.Cluster;

    public RestResponse Create(RestRequest request, string name)
    {
        using var body = request.JsonBody();
        var index = Cluster.Create(name, body?.RootElement);
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("acknowledged", true);
            w.WriteBoolean("shards_acknowledged", true);
            w.WriteString("index", index.Name);
            w.WriteEndObject();
        });
    }

    public RestResponse Delete(RestRequest request, string expression)
    {
        if (Cluster.Find(expression) is null && !expression.Contains('*') && expression != "_all" && !expression.Contains(',') && Cluster.AliasExists(expression))
            throw Errors.IllegalArgument($"The provided expression [{expression}] matches an alias, specify the corresponding concrete indices instead.");
        // 8.x defaults action.destructive_requires_name to true.
        if (Cluster.Major >= 8 && (expression.Contains('*') || expression == "_all"))
            throw Errors.IllegalArgument("Wildcard expressions or all indices are not allowed");
        var indices = Cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Flag("allow_no_indices", true));
        foreach (var index in indices) Cluster.Delete(index);
        return RestResponse.Acknowledged();
    }

    public RestResponse Exists(RestRequest request, string expression)
    {
        try
        {
            var indices = Cluster.Resolve(expression, allowNoIndices: false);
            return RestResponse.Empty(indices.Count > 0 ? 200 : 404);
        }
        catch (EsException e) when (e.Status == 404)
        {
            return RestResponse.Empty(404);
        }
    }

    public RestResponse Get(RestRequest request, string expression)
    {
        var indices = Resolve(request, expression);
        var flat = request.Flag("flat_settings");
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            foreach (var index in indices)
            {
                w.WritePropertyName(index.Name);
                w.WriteStartObject();
                w.WritePropertyName("aliases");
                WriteAliases(w, index.Aliases);
                w.WritePropertyName("mappings");
                index.Locked(() => { index.Mapping.WriteTo(w); return 0; });
                w.WritePropertyName("settings");
                index.Locked(() => { index.Settings.WriteTo(w, flat); return 0; });
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    public RestResponse GetMapping(RestRequest request, string? expression)
    {
        var indices = Resolve(request, expression);
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            foreach (var index in indices)
            {
                w.WritePropertyName(index.Name);
                w.WriteStartObject();
                w.WritePropertyName("mappings");
                index.Locked(() => { index.Mapping.WriteTo(w); return 0; });
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    public RestResponse PutMapping(RestRequest request, string expression)
    {
        using var body = request.JsonBody() ?? throw Errors.Validation("mapping source is required");
        var indices = Resolve(request, expression);
        // Check every index first so a conflict changes nothing, then apply.
        foreach (var index in indices)
        {
            index.Locked(() => { index.Mapping.Put(body.RootElement, apply: false); return 0; });
        }
        foreach (var index in indices) index.Locked(() => { index.Mapping.Put(body.RootElement); return 0; });
        return RestResponse.Acknowledged();
    }

    public RestResponse GetSettings(RestRequest request, string? expression)
    {
        var indices = Resolve(request, expression);
        var flat = request.Flag("flat_settings");
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            foreach (var index in indices)
            {
                w.WritePropertyName(index.Name);
                w.WriteStartObject();
                w.WritePropertyName("settings");
                index.Locked(() => { index.Settings.WriteTo(w, flat); return 0; });
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    public RestResponse PutSettings(RestRequest request, string? expression)
    {
        using var body = request.JsonBody() ?? throw Errors.Validation("no settings to update");
        var settings = body.RootElement.TryGetProperty("settings", out var s) ? s : body.RootElement;
        var indices = Resolve(request, expression);
        foreach (var index in indices) index.Locked(() => { index.Settings.Apply(settings, creating: false); return 0; });
        return RestResponse.Acknowledged();
    }

    public RestResponse Refresh(RestRequest request, string? expression)
    {
        var indices = Resolve(request, expression);
        foreach (var index in indices) index.Refresh();
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("_shards");
            w.WriteStartObject();
            w.WriteNumber("total", indices.Sum(i => i.Settings.NumberOfShards * (1 + i.Settings.NumberOfReplicas)));
            w.WriteNumber("successful", indices.Sum(i => i.Settings.NumberOfShards));
            w.WriteNumber("failed", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private List<IndexState> Resolve(RestRequest request, string? expression) =>
        Cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Flag("allow_no_indices", true));

    public static void WriteAliases(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, AliasDefinition>> aliases)
    {
        w.WriteStartObject();
        foreach (var (name, def) in aliases)
        {
            w.WritePropertyName(name);
            def.WriteTo(w);
        }
        w.WriteEndObject();
    }
}
