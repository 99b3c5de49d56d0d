using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// <c>_bulk</c>: NDJSON action/source pairs run in order, each with its own result or error; the request
/// fails as a whole only when its framing is broken, as in ES.
/// </summary>
internal sealed class BulkApi
{
    private static readonly HashSet<string> KnownMetadata = new(StringComparer.Ordinal)
    {
        "_index", "_id", "_type", "routing", "_routing", "if_seq_no", "if_primary_term", "version", "version_type",
        "op_type", "pipeline", "require_alias", "retry_on_conflict", "_retry_on_conflict", "_source", "dynamic_templates",
    };

    private readonly Node _node;
    private readonly DocumentApi _documents;

    public BulkApi(Node node, DocumentApi documents)
    {
        _node = node;
        _documents = documents;
    }

    private sealed class BulkItem
    {
        public string Action = "";
        public string? Index;
        public string? Id;
        public JsonElement Metadata;
        public ReadOnlyMemory<byte> Source;

        /// <summary>The parsed action line; disposed once the item ran, returning its pooled buffers.</summary>
        public JsonDocument? ActionDocument;
    }

    public async Task<RestResponse> ExecuteAsync(RestRequest request, string? pathIndex)
    {
        var started = Stopwatch.GetTimestamp();
        var items = Parse(request.Body, pathIndex);
        try
        {
            Validate(items);
        }
        catch
        {
            foreach (var item in items) item.ActionDocument?.Dispose();
            throw;
        }
        var typed = _node.Typed(request);
        var touched = new HashSet<IndexState>();
        var results = new List<Action<Utf8JsonWriter>>(items.Count);
        var errors = false;
        var requireAliasDefault = request.Flag("require_alias");
        var refresh = request.Param("refresh");
        var forced = refresh is "" or "true";
        // Consecutive items of one index run as one turn of its bulk requests, as a shard-level bulk runs on its
        // primary, rather than competing with other requests for the write lock document by document. A turn is
        // waited for without blocking a thread, and given up before an item of another index.
        System.Threading.SemaphoreSlim? turn = null;
        string? turnName = null;
        void EndTurn()
        {
            turn?.Release();
            turn = null;
            turnName = null;
        }
        try
        {
            foreach (var item in items)
            {
                var indexName = item.Index!;
                if (!string.Equals(turnName, indexName, StringComparison.Ordinal))
                {
                    EndTurn();
                    if (_node.Cluster.Find(indexName) is { } known)
                    {
                        await known.BulkTurn.WaitAsync().ConfigureAwait(false);
                        turn = known.BulkTurn;
                        turnName = indexName;
                    }
                }
                try
                {
                    if (_node.Faults.TakeBulkRejection(new BulkItemInfo(item.Action, indexName, item.Id)))
                        throw Errors.Rejected($"coordinating operation [{item.Action}] for [{indexName}]");
                    var (index, result) = Run(item, requireAliasDefault, typed);
                    touched.Add(index);
                    results.Add(w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName(item.Action);
                        w.WriteStartObject();
                        DocumentWriter.WriteWriteResult(w, index, result, typed, forced, withStatus: true);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    });
                }
                catch (EsException e)
                {
                    errors = true;
                    var id = item.Id;
                    results.Add(w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName(item.Action);
                        w.WriteStartObject();
                        w.WriteString("_index", e.Index ?? indexName);
                        if (typed) w.WriteString("_type", "_doc");
                        if (id is not null) w.WriteString("_id", id);
                        else w.WriteNull("_id");
                        w.WriteNumber("status", e.Status);
                        w.WritePropertyName("error");
                        e.WriteItemError(w);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    });
                }
                finally
                {
                    item.ActionDocument?.Dispose();
                    item.ActionDocument = null;
                }
            }
        }
        finally
        {
            EndTurn();
        }
        await DocumentApi.RefreshAsync(refresh, touched);
        var took = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return RestResponse.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("took", took);
            w.WriteBoolean("errors", errors);
            w.WritePropertyName("items");
            w.WriteStartArray();
            foreach (var write in results) write(w);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// BulkRequest.validate: every item's own validation errors (version and sequence-number parameters, missing or
    /// too long ids) fail the whole request with one 400 <c>action_request_validation_exception</c> listing them
    /// all, before any item runs: nothing is written.
    /// </summary>
    private static void Validate(List<BulkItem> items)
    {
        var problems = new List<string>();
        foreach (var item in items)
        {
            var meta = item.Metadata;
            var isDelete = item.Action == "delete";
            var isUpdate = item.Action == "update";
            var opType = Metadata(meta, "op_type");
            var create = item.Action == "create" || opType == "create" || (item.Id is null && !isDelete && !isUpdate);
            WriteConditions conditions;
            try
            {
                conditions = DocumentApi.Conditions(name => Metadata(meta, name), create);
            }
            catch (EsException e)
            {
                problems.Add(e.Reason);
                continue;
            }
            problems.AddRange(conditions.Problems(isDelete, isUpdate));
            if (item.Id is null && (isDelete || isUpdate)) problems.Add("id is missing");
            if (item.Id is null && !isDelete && !isUpdate && (conditions.VersionType != VersionType.Internal || conditions.Version is not null))
                problems.Add("an id must be provided if version type or value are set");
            if (item.Id is not null && System.Text.Encoding.UTF8.GetByteCount(item.Id) > 512)
                problems.Add($"id [{item.Id}] is too long, must be no longer than 512 bytes but was: {System.Text.Encoding.UTF8.GetByteCount(item.Id)}");
        }
        if (problems.Count > 0) throw Errors.Validation(problems.ToArray());
    }

    private static string? Metadata(JsonElement meta, string name)
    {
        if (!meta.TryGetProperty(name, out var v) && !meta.TryGetProperty("_" + name, out v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => v.GetRawText(),
        };
    }

    private (IndexState, WriteResult) Run(BulkItem item, bool requireAliasDefault, bool typed)
    {
        var meta = item.Metadata;
        string? Get(string name)
        {
            if (!meta.TryGetProperty(name, out var v) && !meta.TryGetProperty("_" + name, out v)) return null;
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => null,
                _ => v.GetRawText(),
            };
        }
        var requireAlias = Get("require_alias") is { } ra ? ra == "true" : requireAliasDefault;
        switch (item.Action)
        {
            case "index":
            case "create":
            {
                var opType = Get("op_type");
                var create = item.Action == "create" || opType == "create" || item.Id is null;
                var conditions = DocumentApi.Conditions(Get, create);
                conditions.Validate(isDelete: false, isUpdate: false);
                var index = _documents.WriteIndex(item.Index!, requireAlias);
                var (source, element) = DocumentApi.ParseSource(item.Source, index);
                item.Id ??= DocumentApi.NewId();
                DocumentApi.ValidateId(item.Id);
                return (index, index.Index(item.Id, source, element, conditions));
            }
            case "delete":
            {
                var conditions = DocumentApi.Conditions(Get, create: false);
                conditions.Validate(isDelete: true, isUpdate: false);
                if (item.Id is null) throw Errors.Validation("id is missing");
                var index = conditions.VersionType == VersionType.Internal
                    ? _documents.ExistingWriteIndex(item.Index!)
                    : _documents.WriteIndex(item.Index!, requireAlias);
                return (index, index.Delete(item.Id, conditions));
            }
            case "update":
            {
                var conditions = DocumentApi.Conditions(Get, create: false);
                conditions.Validate(isDelete: false, isUpdate: true);
                if (item.Id is null) throw Errors.Validation("id is missing");
                var index = _documents.WriteIndex(item.Index!, requireAlias);
                UpdateBody update;
                try
                {
                    using var body = JsonDocument.Parse(item.Source);
                    update = new UpdateBody(body.RootElement);
                }
                catch (JsonException ex)
                {
                    throw Errors.BodyParse($"Failed to parse update body: {ex.Message}");
                }
                return (index, index.Update(item.Id, update.Apply, conditions, typed));
            }
            default:
                throw new InvalidOperationException("unreachable: actions are checked while parsing");
        }
    }

    private static List<BulkItem> Parse(ReadOnlyMemory<byte> body, string? pathIndex)
    {
        var items = new List<BulkItem>();
        var span = body.Span;
        var position = 0;
        var line = 0;
        if (body.Length > 0 && span[^1] != (byte)'\n' && !IsBlank(span.Slice(LastLineStart(span))))
            throw Errors.IllegalArgument("The bulk request must be terminated by a newline [\\n]");
        while (position < body.Length)
        {
            var actionLine = NextLine(body, ref position);
            line++;
            if (IsBlank(actionLine.Span)) continue;
            JsonDocument actionDoc;
            try
            {
                actionDoc = JsonDocument.Parse(actionLine);
            }
            catch (JsonException ex)
            {
                throw Errors.BodyParse($"[{line}:1] Malformed action/metadata line [{line}]: {ex.Message}");
            }
            var root = actionDoc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Errors.IllegalArgument($"Malformed action/metadata line [{line}], expected START_OBJECT or END_OBJECT but found [{FieldMapping.TokenName(root)}]");
            using var props = root.EnumerateObject();
            if (!props.MoveNext())
                throw Errors.IllegalArgument($"Malformed action/metadata line [{line}], expected FIELD_NAME but found [END_OBJECT]");
            var action = props.Current.Name;
            if (action is not ("index" or "create" or "update" or "delete"))
                throw Errors.IllegalArgument($"Malformed action/metadata line [{line}], expected one of [create, delete, index, update] but found [{action}]");
            var meta = props.Current.Value;
            if (meta.ValueKind != JsonValueKind.Object)
                throw Errors.IllegalArgument($"Malformed action/metadata line [{line}], expected START_OBJECT but found [{FieldMapping.TokenName(meta)}]");
            foreach (var p in meta.EnumerateObject())
                if (!KnownMetadata.Contains(p.Name))
                    throw Errors.IllegalArgument($"Action/metadata line [{line}] contains an unknown parameter [{p.Name}]");
            var item = new BulkItem
            {
                ActionDocument = actionDoc,
                Action = action,
                Metadata = meta,
                Index = meta.TryGetProperty("_index", out var idx) ? idx.GetString() : pathIndex,
                Id = meta.TryGetProperty("_id", out var id) ? (id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Null ? null : id.GetRawText()) : null,
            };
            if (item.Index is null) throw Errors.Validation("index is missing");
            if (action != "delete")
            {
                if (position >= body.Length) throw Errors.Validation("source is missing");
                item.Source = NextLine(body, ref position);
                line++;
                if (IsBlank(item.Source.Span)) throw Errors.Validation("source is missing");
            }
            items.Add(item);
        }
        if (items.Count == 0) throw Errors.Validation("no requests added");
        return items;
    }

    private static ReadOnlyMemory<byte> NextLine(ReadOnlyMemory<byte> body, ref int position)
    {
        var rest = body.Span.Slice(position);
        var newline = rest.IndexOf((byte)'\n');
        ReadOnlyMemory<byte> line;
        if (newline < 0)
        {
            line = body.Slice(position);
            position = body.Length;
        }
        else
        {
            line = body.Slice(position, newline);
            position += newline + 1;
        }
        if (line.Length > 0 && line.Span[^1] == (byte)'\r') line = line.Slice(0, line.Length - 1);
        return line;
    }

    private static int LastLineStart(ReadOnlySpan<byte> span)
    {
        var last = span.LastIndexOf((byte)'\n');
        return last < 0 ? 0 : last + 1;
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span) if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        return true;
    }
}
