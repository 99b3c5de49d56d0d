using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Alias endpoints: <c>PUT/DELETE /idx/_alias/name</c>, <c>POST /_aliases</c>, <c>GET/HEAD _alias</c>.</summary>
internal sealed class AliasApi
{
    private readonly Node _node;

    public AliasApi(Node node) => _node = node;

    private Cluster Cluster => _node.Cluster;

    public RestResponse Put(RestRequest request, string indexExpression, string alias)
    {
        using var body = request.JsonBody();
        var definition = body is null ? new AliasDefinition() : Cluster.ParseAlias(body.RootElement);
        var indices = Cluster.Resolve(indexExpression, allowNoIndices: false);
        Cluster.UpdateAliases(new[] { ("add", (IReadOnlyList<IndexState>)indices, (IReadOnlyList<string>)new[] { alias }, definition, true) });
        return RestResponse.Acknowledged();
    }

    public RestResponse Delete(RestRequest request, string indexExpression, string alias)
    {
        var indices = Cluster.Resolve(indexExpression, allowNoIndices: false);
        Cluster.UpdateAliases(new[] { ("remove", (IReadOnlyList<IndexState>)indices, (IReadOnlyList<string>)alias.Split(','), new AliasDefinition(), true) });
        return RestResponse.Acknowledged();
    }

    public RestResponse Update(RestRequest request)
    {
        using var body = request.JsonBody() ?? throw Errors.Validation("no actions specified");
        if (!body.RootElement.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
            throw Errors.Validation("no actions specified");
        var parsed = new List<(string, IReadOnlyList<IndexState>, IReadOnlyList<string>, AliasDefinition, bool)>();
        var removeIndices = new List<IndexState>();
        foreach (var item in actions.EnumerateArray())
        {
            foreach (var action in item.EnumerateObject())
            {
                var spec = action.Value;
                var indexNames = Names(spec, "index", "indices");
                if (indexNames.Count == 0) throw Errors.Validation($"One of [index] or [indices] is required");
                var indices = Cluster.Resolve(string.Join(',', indexNames), allowNoIndices: false);
                switch (action.Name)
                {
                    case "add":
                    case "remove":
                        var aliases = Names(spec, "alias", "aliases");
                        if (aliases.Count == 0) throw Errors.Validation($"One of [alias] or [aliases] is required");
                        var mustExist = !(spec.TryGetProperty("must_exist", out var me) && me.ValueKind == JsonValueKind.False);
                        parsed.Add((action.Name, indices, aliases, Cluster.ParseAlias(spec), action.Name == "remove" && mustExist));
                        break;
                    case "remove_index":
                        removeIndices.AddRange(indices);
                        break;
                    default:
                        throw Errors.Parsing($"[aliases] unknown field [{action.Name}]");
                }
            }
        }
        Cluster.UpdateAliases(parsed);
        foreach (var index in removeIndices) Cluster.Delete(index);
        return RestResponse.Acknowledged();
    }

    /// <summary>GET /_alias[/name], GET /idx/_alias[/name]; HEAD answers by status only.</summary>
    public RestResponse Get(RestRequest request, string? indexExpression, string? aliasExpression)
    {
        var indices = Cluster.Resolve(indexExpression, allowNoIndices: true);
        var patterns = aliasExpression is null || aliasExpression is "_all" or "*" ? null : aliasExpression.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<(IndexState Index, List<KeyValuePair<string, AliasDefinition>> Aliases)>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in indices)
        {
            var matching = index.Aliases.Where(a => patterns is null || patterns.Any(p => Cluster.Glob(p, a.Key))).ToList();
            foreach (var a in matching) found.Add(a.Key);
            if (matching.Count > 0 || patterns is null) result.Add((index, matching));
        }
        var missing = patterns?.Where(p => !p.Contains('*') && !found.Contains(p)).ToList() ?? new List<string>();
        if (request.Method == "HEAD") return RestResponse.Empty(missing.Count == 0 && (patterns is null || found.Count > 0) ? 200 : 404);
        if (patterns is not null && found.Count == 0 && missing.Count > 0 || missing.Count > 0)
        {
            var message = missing.Count == 1 ? $"alias [{missing[0]}] missing" : $"aliases [{string.Join(",", missing)}] missing";
            return RestResponse.Json(404, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", message);
                w.WriteNumber("status", 404);
                foreach (var (index, aliases) in result)
                {
                    w.WritePropertyName(index.Name);
                    w.WriteStartObject();
                    w.WritePropertyName("aliases");
                    IndexApi.WriteAliases(w, aliases);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            });
        }
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            foreach (var (index, aliases) in result)
            {
                w.WritePropertyName(index.Name);
                w.WriteStartObject();
                w.WritePropertyName("aliases");
                IndexApi.WriteAliases(w, aliases);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    private static List<string> Names(JsonElement spec, string single, string plural)
    {
        var names = new List<string>();
        if (spec.TryGetProperty(single, out var s) && s.ValueKind == JsonValueKind.String) names.Add(s.GetString()!);
        if (spec.TryGetProperty(plural, out var p))
        {
            if (p.ValueKind == JsonValueKind.Array) names.AddRange(p.EnumerateArray().Select(v => v.GetString()!));
            else if (p.ValueKind == JsonValueKind.String) names.Add(p.GetString()!);
        }
        return names;
    }
}
