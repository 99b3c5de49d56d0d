using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// The node's cluster state: its indices and aliases, name and pattern resolution, index creation and deletion.
/// Structural changes take one cluster lock; lookups read a concurrent dictionary without locking.
/// </summary>
internal sealed class Cluster
{
    // The characters Elasticsearch refuses in index and alias names.
    private static readonly SearchValues<char> InvalidNameCharacters = SearchValues.Create("\\/*?\"<>| ,#");

    private readonly ConcurrentDictionary<string, IndexState> _indices = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private int _creationCounter;

    public Cluster(string version)
    {
        Version = version;
        Major = int.TryParse(version.Split('.')[0], out var m) ? m : 7;
    }

    /// <summary>The Elasticsearch version whose behaviour the node follows (OpenSearch 2.x: 7.10's).</summary>
    public string Version { get; }

    /// <summary>The Elasticsearch major version whose REST API the node serves.</summary>
    public int Major { get; }

    public IReadOnlyCollection<IndexState> Indices => (IReadOnlyCollection<IndexState>)_indices.Values;

    public IndexState? Find(string name) => _indices.TryGetValue(name, out var i) ? i : null;

    /// <summary>Creates an index from a create-index body (settings, mappings, aliases).</summary>
    public IndexState Create(string name, JsonElement? body)
    {
        ValidateName(name);
        lock (_lock)
        {
            if (_indices.TryGetValue(name, out var existing)) throw Errors.IndexAlreadyExists(name, existing.Uuid);
            if (AliasExists(name)) throw Errors.InvalidIndexName(name, "an alias with the same name already exists");
            var index = new IndexState(name, Version, ++_creationCounter);
            if (body is { ValueKind: JsonValueKind.Object } b)
            {
                foreach (var p in b.EnumerateObject())
                    if (p.Name is not ("settings" or "mappings" or "aliases")) throw Errors.Parsing($"unknown key [{p.Name}] for create index");
                // Settings first: the mapping is checked against the index's own limits, whatever the body's order.
                if (b.TryGetProperty("settings", out var settings)) index.Settings.Apply(settings, creating: true);
                if (b.TryGetProperty("mappings", out var mappings)) index.Mapping.Put(mappings);
                if (b.TryGetProperty("aliases", out var aliases) && aliases.ValueKind == JsonValueKind.Object)
                {
                    foreach (var a in aliases.EnumerateObject())
                    {
                        if (_indices.ContainsKey(a.Name) || a.Name == name)
                            throw Errors.InvalidIndexName(a.Name, "an index or data stream exists with the same name as the alias");
                        index.Aliases = index.Aliases.SetItem(a.Name, ParseAlias(a.Value));
                    }
                }
            }
            index.InitializeShards();
            _indices[name] = index;
            return index;
        }
    }

    public void Delete(IndexState index)
    {
        lock (_lock) _indices.TryRemove(index.Name, out _);
    }

    /// <summary>
    /// The index a document write goes to: the index itself, the write index of an alias, or a new index
    /// created on the fly as ES's action.auto_create_index allows.
    /// </summary>
    public IndexState ResolveWriteIndex(string name)
    {
        if (_indices.TryGetValue(name, out var index)) return index;
        var aliased = AliasTargets(name);
        if (aliased.Count > 0)
        {
            var writeIndex = aliased.Where(i => i.Aliases[name].IsWriteIndex == true).ToList();
            if (writeIndex.Count == 1) return writeIndex[0];
            if (aliased.Count == 1 && aliased[0].Aliases[name].IsWriteIndex != false) return aliased[0];
            throw Errors.IllegalArgument($"no write index is defined for alias [{name}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index");
        }
        if (name.Contains('*')) throw Errors.InvalidIndexName(name, "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]");
        lock (_lock)
        {
            if (_indices.TryGetValue(name, out index)) return index;
        }
        try
        {
            return Create(name, null);
        }
        catch (EsException e) when (e.Type == "resource_already_exists_exception")
        {
            return _indices[name];
        }
    }

    /// <summary>
    /// Resolves an index expression (names, aliases, <c>*</c> patterns, <c>-</c> exclusions, comma lists, <c>_all</c>)
    /// to concrete indices, ordered by name.
    /// </summary>
    public List<IndexState> Resolve(string? expression, bool ignoreUnavailable = false, bool allowNoIndices = true)
    {
        var result = new SortedDictionary<string, IndexState>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(expression) || expression == "_all")
        {
            foreach (var i in _indices.Values) result[i.Name] = i;
            return result.Values.ToList();
        }
        var sawWildcard = false;
        foreach (var raw in expression.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim();
            if (token.StartsWith('-') && sawWildcard)
            {
                var pattern = token.Substring(1);
                foreach (var name in result.Keys.ToList())
                    if (Glob(pattern, name)) result.Remove(name);
                continue;
            }
            if (token == "_all" || token.Contains('*'))
            {
                sawWildcard = true;
                foreach (var i in _indices.Values)
                {
                    if (Glob(token, i.Name) || token == "_all") result[i.Name] = i;
                    foreach (var alias in i.Aliases.Keys)
                        if (Glob(token, alias)) result[i.Name] = i;
                }
                continue;
            }
            if (_indices.TryGetValue(token, out var index))
            {
                result[index.Name] = index;
                continue;
            }
            var targets = AliasTargets(token);
            if (targets.Count > 0)
            {
                foreach (var t in targets) result[t.Name] = t;
                continue;
            }
            if (!ignoreUnavailable) throw Errors.IndexNotFound(token);
        }
        if (result.Count == 0 && !allowNoIndices) throw Errors.IndexNotFound(expression);
        return result.Values.ToList();
    }

    /// <summary>The indices an alias points to.</summary>
    public List<IndexState> AliasTargets(string alias) =>
        _indices.Values.Where(i => i.Aliases.ContainsKey(alias)).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

    public bool AliasExists(string alias) => _indices.Values.Any(i => i.Aliases.ContainsKey(alias));

    /// <summary>Applies alias actions atomically, as POST /_aliases does.</summary>
    public void UpdateAliases(IReadOnlyList<(string Action, IReadOnlyList<IndexState> Indices, IReadOnlyList<string> Aliases, AliasDefinition Definition, bool MustExist)> actions)
    {
        lock (_lock)
        {
            var staged = _indices.Values.ToDictionary(i => i, i => i.Aliases);
            foreach (var (action, indices, aliases, definition, mustExist) in actions)
            {
                foreach (var index in indices)
                {
                    foreach (var alias in aliases)
                    {
                        if (action == "add")
                        {
                            if (_indices.ContainsKey(alias))
                                throw Errors.InvalidIndexName(alias, "an index or data stream exists with the same name as the alias");
                            ValidateAliasName(alias);
                            staged[index] = staged[index].SetItem(alias, definition);
                        }
                        else
                        {
                            var matching = staged[index].Keys.Where(a => Glob(alias, a)).ToList();
                            if (matching.Count == 0 && mustExist)
                                throw new EsException(404, "aliases_not_found_exception", $"aliases [{alias}] missing") { }
                                    .With("resource.type", "aliases").With("resource.id", alias);
                            foreach (var a in matching) staged[index] = staged[index].Remove(a);
                        }
                    }
                }
            }
            foreach (var (index, aliases) in staged) index.Aliases = aliases;
        }
    }

    public static AliasDefinition ParseAlias(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return new AliasDefinition();
        bool? Bool(string name) => e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true") : null;
        string? Str(string name) => e.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
        var routing = Str("routing");
        return new AliasDefinition
        {
            IsWriteIndex = Bool("is_write_index"),
            IsHidden = Bool("is_hidden"),
            Filter = e.TryGetProperty("filter", out var f) ? f.Clone() : null,
            IndexRouting = Str("index_routing") ?? routing,
            SearchRouting = Str("search_routing") ?? routing,
        };
    }

    public static void ValidateName(string name)
    {
        if (name.Length == 0) throw Errors.InvalidIndexName(name, "must not be empty");
        if (!string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal)) throw Errors.InvalidIndexName(name, "must be lowercase");
        if (name is "." or "..") throw Errors.InvalidIndexName(name, "must not be '.' or '..'");
        if (name[0] is '_' or '-' or '+') throw Errors.InvalidIndexName(name, "must not start with '_', '-', or '+'");
        if (name.AsSpan().ContainsAny(InvalidNameCharacters))
            throw Errors.InvalidIndexName(name, "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]");
        if (name.Contains(':')) throw Errors.InvalidIndexName(name, "must not contain ':'");
        if (System.Text.Encoding.UTF8.GetByteCount(name) > 255) throw Errors.InvalidIndexName(name, "index name is too long, (" + name.Length + " > 255)");
    }

    private static void ValidateAliasName(string alias)
    {
        if (alias.Length == 0 || alias[0] is '_' or '-' or '+' || alias.AsSpan().ContainsAny(InvalidNameCharacters))
            throw Errors.InvalidIndexName(alias, "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]");
    }

    /// <summary>Simple wildcard match where <c>*</c> matches any run of characters.</summary>
    public static bool Glob(string pattern, string text)
    {
        if (!pattern.Contains('*')) return pattern == text;
        var parts = pattern.Split('*');
        if (!text.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var pos = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var at = text.IndexOf(parts[i], pos, StringComparison.Ordinal);
            if (at < 0) return false;
            pos = at + parts[i].Length;
        }
        var last = parts[^1];
        return text.Length - pos >= last.Length && text.EndsWith(last, StringComparison.Ordinal);
    }

    /// <summary>Runs the periodic refresh of every index whose interval has passed.</summary>
    public void RefreshDueIndices()
    {
        foreach (var index in _indices.Values) index.RefreshIfDue();
    }
}
