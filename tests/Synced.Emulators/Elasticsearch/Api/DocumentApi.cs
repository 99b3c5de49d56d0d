using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Single-document endpoints (index, create, get, exists, delete, update) and <c>_mget</c>.</summary>
internal sealed class DocumentApi
{
    private readonly Node _node;

    public DocumentApi(Node node) => _node = node;

    private Cluster Cluster => _node.Cluster;

    public async Task<RestResponse> IndexAsync(RestRequest request, string indexName, string? id, bool createEndpoint)
    {
        var opType = request.Param("op_type");
        if (opType is not null and not "create" and not "index")
            throw Errors.IllegalArgument($"opType must be 'create' or 'index', found: [{opType}]");
        var create = createEndpoint || opType == "create" || id is null;
        var conditions = Conditions(request.Param, create);
        conditions.Validate(isDelete: false, isUpdate: false);
        if (!request.HasBody) throw Errors.Validation("source is missing", "content type is missing");
        var (source, element) = ParseSource(request.Body, null);
        var index = WriteIndex(indexName, request.Flag("require_alias"));
        id ??= NewId();
        ValidateId(id);
        var result = index.Index(id, source, element, conditions);
        var forced = await RefreshAsync(request.Param("refresh"), new[] { index });
        var typed = _node.Typed(request);
        return RestResponse.Json(result.Status, w =>
        {
            w.WriteStartObject();
            DocumentWriter.WriteWriteResult(w, index, result, typed, forced, withStatus: false);
            w.WriteEndObject();
        });
    }

    public async Task<RestResponse> DeleteAsync(RestRequest request, string indexName, string id)
    {
        var conditions = Conditions(request.Param, create: false);
        conditions.Validate(isDelete: true, isUpdate: false);
        var index = conditions.VersionType == VersionType.Internal ? ExistingWriteIndex(indexName) : WriteIndex(indexName, false);
        var result = index.Delete(id, conditions);
        var forced = await RefreshAsync(request.Param("refresh"), new[] { index });
        var typed = _node.Typed(request);
        return RestResponse.Json(result.Status, w =>
        {
            w.WriteStartObject();
            DocumentWriter.WriteWriteResult(w, index, result, typed, forced, withStatus: false);
            w.WriteEndObject();
        });
    }

    public async Task<RestResponse> UpdateAsync(RestRequest request, string indexName, string id)
    {
        var conditions = Conditions(request.Param, create: false);
        conditions.Validate(isDelete: false, isUpdate: true);
        using var body = request.JsonBody() ?? throw Errors.Validation("script or doc is missing");
        var update = new UpdateBody(body.RootElement);
        var index = WriteIndex(indexName, request.Flag("require_alias"));
        var typed = _node.Typed(request);
        var result = index.Update(id, update.Apply, conditions, typed);
        var forced = await RefreshAsync(request.Param("refresh"), new[] { index });
        return RestResponse.Json(result.Status, w =>
        {
            w.WriteStartObject();
            DocumentWriter.WriteWriteResult(w, index, result, typed, forced, withStatus: false);
            w.WriteEndObject();
        });
    }

    public RestResponse Get(RestRequest request, string indexName, string id, bool sourceOnly)
    {
        var index = ReadIndex(indexName);
        if (request.Flag("refresh")) index.Refresh();
        var doc = Read(index, id, request.Flag("realtime", true));
        var found = doc is { IsDeleted: false };
        if (request.Method == "HEAD") return RestResponse.Empty(found ? 200 : 404);
        var source = SourceFilter.FromQuery(request) ?? SourceFilter.All;
        var typed = _node.Typed(request);
        if (sourceOnly)
        {
            if (!found)
                throw new EsException(404, "resource_not_found_exception", $"Document not found [{index.Name}]/[_doc]/[{id}]");
            if (!doc!.HasSource)
                throw new EsException(404, "resource_not_found_exception", $"Source not found [{index.Name}]/[_doc]/[{id}]");
            return RestResponse.Ok(w => source.Write(w, doc!));
        }
        return RestResponse.Json(found ? 200 : 404, w =>
        {
            w.WriteStartObject();
            DocumentWriter.WriteGetResult(w, index.Name, id, doc, source, typed);
            w.WriteEndObject();
        });
    }

    public RestResponse MultiGet(RestRequest request, string? pathIndex)
    {
        using var body = request.JsonBody() ?? throw Errors.Validation("no documents to get");
        var root = body.RootElement;
        var defaultSource = SourceFilter.FromQuery(request) ?? SourceFilter.All;
        var realtime = request.Flag("realtime", true);
        var typed = _node.Typed(request);
        var items = new List<(string? Index, string Id, SourceFilter Source)>();
        if (root.TryGetProperty("docs", out var docs) && docs.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in docs.EnumerateArray())
            {
                var idx = d.TryGetProperty("_index", out var i) ? i.GetString() : pathIndex;
                if (!d.TryGetProperty("_id", out var idElement)) throw Errors.Validation($"id is missing for doc {items.Count}");
                var id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText();
                var src = d.TryGetProperty("_source", out var s) ? SourceFilter.FromJson(s) : defaultSource;
                items.Add((idx, id, src));
            }
        }
        else if (root.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            foreach (var idElement in ids.EnumerateArray())
                items.Add((pathIndex, idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText(), defaultSource));
        }
        else
        {
            throw Errors.Parsing("unexpected token while parsing mget request: expected [docs] or [ids]");
        }
        // MultiGetRequest.validate: an empty list is refused, as are docs without an index.
        if (items.Count == 0) throw Errors.Validation("no documents to get");
        for (var n = 0; n < items.Count; n++)
            if (items[n].Index is null) throw Errors.Validation($"index is missing for doc {n}");

        if (request.Flag("refresh"))
            foreach (var name in items.Select(i => i.Index!).Distinct())
                try { ReadIndex(name).Refresh(); } catch (EsException) { }

        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("docs");
            w.WriteStartArray();
            foreach (var (indexName, id, source) in items)
            {
                w.WriteStartObject();
                try
                {
                    var index = ReadIndex(indexName!);
                    DocumentWriter.WriteGetResult(w, index.Name, id, Read(index, id, realtime), source, typed);
                }
                catch (EsException e)
                {
                    w.WriteString("_index", indexName);
                    if (typed) w.WriteString("_type", "_doc");
                    w.WriteString("_id", id);
                    w.WritePropertyName("error");
                    w.WriteStartObject();
                    w.WritePropertyName("root_cause");
                    w.WriteStartArray();
                    e.WriteItemError(w);
                    w.WriteEndArray();
                    w.WriteString("type", e.Type);
                    w.WriteString("reason", e.Reason);
                    if (e.Index is not null)
                    {
                        w.WriteString("index_uuid", e.IndexUuid ?? "_na_");
                        w.WriteString("index", e.Index);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static StoredDocument? Read(IndexState index, string id, bool realtime) =>
        realtime ? index.GetLive(id) : index.Snapshot.Documents.TryGetValue(id, out var d) ? d : null;

    /// <summary>The single index a read names: an index, or an alias with exactly one index.</summary>
    public IndexState ReadIndex(string name)
    {
        var index = Cluster.Find(name);
        if (index is not null) return index;
        var targets = Cluster.AliasTargets(name);
        if (targets.Count == 1) return targets[0];
        if (targets.Count > 1)
            throw Errors.IllegalArgument($"alias [{name}] has more than one index associated with it [{string.Join(", ", targets.Select(t => t.Name))}], can't execute a single index op");
        throw Errors.IndexNotFound(name);
    }

    public IndexState WriteIndex(string name, bool requireAlias)
    {
        if (requireAlias && !Cluster.AliasExists(name))
            throw new EsException(404, "index_not_found_exception", $"no such index [{name}] and [require_alias] request flag is [true] and [{name}] is not an alias", name) { IndexUuid = "_na_" }
                .With("resource.type", "index_or_alias").With("resource.id", name);
        return Cluster.ResolveWriteIndex(name);
    }

    /// <summary>Deletes do not create indices (unless versioned externally), as in ES's bulk action.</summary>
    public IndexState ExistingWriteIndex(string name)
    {
        if (Cluster.Find(name) is null && !Cluster.AliasExists(name)) throw Errors.IndexNotFound(name);
        return Cluster.ResolveWriteIndex(name);
    }

    public static WriteConditions Conditions(Func<string, string?> get, bool create)
    {
        long? Long(string name)
        {
            var v = get(name);
            if (v is null) return null;
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            throw Errors.IllegalArgument($"Failed to parse long parameter [{name}] with value [{v}]");
        }
        return new WriteConditions
        {
            IfSeqNo = Long("if_seq_no"),
            IfPrimaryTerm = Long("if_primary_term"),
            Version = Long("version"),
            VersionType = WriteConditions.ParseVersionType(get("version_type")),
            Create = create,
        };
    }

    /// <summary>Copies a document source out of the request buffer and parses it.</summary>
    public static (ReadOnlyMemory<byte> Source, JsonElement Element) ParseSource(ReadOnlyMemory<byte> body, IndexState? index)
    {
        var copy = body.ToArray();
        try
        {
            return (copy, ParseCompact(copy));
        }
        catch (JsonException ex)
        {
            throw Errors.MapperParsing(index, "failed to parse", new EsException(400, "json_parse_exception", ex.Message));
        }
    }

    /// <summary>
    /// Parses into an exactly sized, unpooled document: stored documents live long, so a pooled parse
    /// (which is never returned) would keep a rented buffer per document.
    /// </summary>
    public static JsonElement ParseCompact(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var element = JsonElement.ParseValue(ref reader);
        // ParseValue stops after one value; anything but whitespace after it is malformed, as ES says.
        if (reader.Read()) throw new JsonException($"unexpected data after the document at byte {reader.TokenStartIndex}");
        return element;
    }

    public static void ValidateId(string id)
    {
        if (id.Length == 0) throw Errors.Validation("id is missing");
        if (System.Text.Encoding.UTF8.GetByteCount(id) > 512)
            throw Errors.Validation($"id [{id}] is too long, must be no longer than 512 bytes but was: {System.Text.Encoding.UTF8.GetByteCount(id)}");
    }

    /// <summary>Applies a write's refresh parameter; true when it forced a refresh.</summary>
    public static async Task<bool> RefreshAsync(string? refresh, IEnumerable<IndexState> indices)
    {
        switch (refresh)
        {
            case null:
            case "false":
                return false;
            case "":
            case "true":
                foreach (var index in indices) index.Refresh();
                return true;
            case "wait_for":
                await Task.WhenAll(indices.Select(i => i.WaitForRefreshAsync()));
                return false;
            default:
                throw Errors.IllegalArgument($"Unknown value for refresh: [{refresh}].");
        }
    }

    private static long _idCounter;

    /// <summary>A 20-character URL-safe id, like ES's auto-generated ids.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[15];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes.Slice(0, 9));
        var counter = System.Threading.Interlocked.Increment(ref _idCounter);
        for (var i = 0; i < 6; i++) bytes[9 + i] = (byte)(counter >> (8 * (5 - i)));
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
