using System.Globalization;

namespace Synced.Emulators.Elasticsearch;

/// <summary>The errors the emulator raises, with the types, statuses and texts Elasticsearch uses.</summary>
internal static class Errors
{
    public static EsException IndexNotFound(string index) =>
        new EsException(404, "index_not_found_exception", $"no such index [{index}]", index) { IndexUuid = "_na_" }
            .With("resource.type", "index_or_alias").With("resource.id", index);

    public static EsException IndexAlreadyExists(string index, string uuid) =>
        new(400, "resource_already_exists_exception", $"index [{index}/{uuid}] already exists", index) { IndexUuid = uuid };

    public static EsException InvalidIndexName(string index, string why) =>
        new(400, "invalid_index_name_exception", $"Invalid index name [{index}], {why}", index) { IndexUuid = "_na_" };

    public static EsException VersionConflict(IndexState index, string id, string explanation) =>
        new(409, "version_conflict_engine_exception", $"[{id}]: version conflict, {explanation}", index.Name)
        { IndexUuid = index.Uuid, Shard = Num(index.ShardOf(id)) };

    public static EsException IllegalArgument(string reason, EsException? causedBy = null) =>
        new(400, "illegal_argument_exception", reason, causedBy: causedBy);

    public static EsException Validation(params string[] problems)
    {
        var text = new System.Text.StringBuilder("Validation Failed: ");
        for (var i = 0; i < problems.Length; i++) text.Append(i + 1).Append(": ").Append(problems[i]).Append(';');
        return new EsException(400, "action_request_validation_exception", text.ToString());
    }

    public static EsException Parsing(string reason) => new(400, "parsing_exception", reason);

    public static EsException BodyParse(string reason) => new(400, "x_content_parse_exception", reason);

    public static EsException MapperParsing(IndexState? index, string reason, EsException? causedBy = null) =>
        new(400, "mapper_parsing_exception", reason, index?.Name, causedBy) { IndexUuid = index?.Uuid, Shard = index is null ? null : "0" };

    public static EsException DocumentMissing(IndexState index, string id, bool typed) =>
        new(404, "document_missing_exception", typed ? $"[_doc][{id}]: document missing" : $"[{id}]: document missing", index.Name)
        { IndexUuid = index.Uuid, Shard = "0" };

    public static EsException DocumentSourceMissing(IndexState index, string id, bool typed) =>
        new(400, "document_source_missing_exception", typed ? $"[_doc][{id}]: document source missing" : $"[{id}]: document source missing", index.Name)
        { IndexUuid = index.Uuid, Shard = Num(index.ShardOf(id)) };

    public static EsException Rejected(string what) =>
        new(429, "es_rejected_execution_exception",
            $"rejected execution of {what} on EsThreadPoolExecutor[name = emulator/write, queue capacity = 10000, task cancellation = false]");

    public static EsException SearchContextMissing(string id) =>
        new(404, "search_context_missing_exception", $"No search context found for id [{id}]");

    public static EsException NoHandler(string method, string path) =>
        new(400, "illegal_argument_exception", $"no handler found for uri [{path}] and method [{method}]");

    /// <summary>A failure of the query phase, wrapped as ES wraps shard failures.</summary>
    public static EsException SearchPhase(EsException cause) =>
        new(cause.Status, "search_phase_execution_exception", "all shards failed", causedBy: cause)
        {
            RootCause = cause,
            WriteDetails = w =>
            {
                w.WriteString("phase", "query");
                w.WriteBoolean("grouped", true);
                w.WritePropertyName("failed_shards");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteNumber("shard", int.TryParse(cause.Shard, out var shard) ? shard : 0);
                w.WriteString("index", cause.Index ?? "");
                w.WriteString("node", "synced-emulator");
                w.WritePropertyName("reason");
                cause.WriteItemError(w);
                w.WriteEndObject();
                w.WriteEndArray();
            },
        };

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
