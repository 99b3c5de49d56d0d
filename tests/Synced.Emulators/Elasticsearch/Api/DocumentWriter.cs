using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Writes the JSON ES returns for document writes and reads (single calls, bulk items, mget docs).</summary>
internal static class DocumentWriter
{
    public static void WriteWriteResult(Utf8JsonWriter w, IndexState index, WriteResult result, bool typed, bool forcedRefresh, bool withStatus)
    {
        var doc = result.Document;
        w.WriteString("_index", index.Name);
        if (typed) w.WriteString("_type", "_doc");
        w.WriteString("_id", doc.Id);
        w.WriteNumber("_version", doc.Version);
        w.WriteString("result", result.Result);
        if (forcedRefresh && result.Result != "noop") w.WriteBoolean("forced_refresh", true);
        w.WritePropertyName("_shards");
        w.WriteStartObject();
        var noop = result.Result == "noop";
        w.WriteNumber("total", noop ? 0 : 1 + index.Settings.NumberOfReplicas);
        w.WriteNumber("successful", noop ? 0 : 1);
        w.WriteNumber("failed", 0);
        w.WriteEndObject();
        w.WriteNumber("_seq_no", doc.SeqNo);
        w.WriteNumber("_primary_term", doc.PrimaryTerm);
        if (withStatus) w.WriteNumber("status", result.Status);
    }

    /// <summary>The body of GET /idx/_doc/id and of one mget doc (found or not).</summary>
    public static void WriteGetResult(Utf8JsonWriter w, string indexName, string id, StoredDocument? doc, SourceFilter source, bool typed)
    {
        w.WriteString("_index", indexName);
        if (typed) w.WriteString("_type", "_doc");
        w.WriteString("_id", id);
        if (doc is null || doc.IsDeleted)
        {
            w.WriteBoolean("found", false);
            return;
        }
        w.WriteNumber("_version", doc.Version);
        w.WriteNumber("_seq_no", doc.SeqNo);
        w.WriteNumber("_primary_term", doc.PrimaryTerm);
        w.WriteBoolean("found", true);
        if (source.Fetch && doc.HasSource)
        {
            w.WritePropertyName("_source");
            source.Write(w, doc);
        }
    }
}
