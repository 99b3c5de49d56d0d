using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// <c>_delete_by_query</c>: deletes what the query matches in the refreshed view, each with the sequence number
/// it was seen at, so a document changed meanwhile is a version conflict (aborting, or counted with
/// <c>conflicts=proceed</c>), as in ES.
/// </summary>
internal sealed class DeleteByQueryApi
{
    private readonly Node _node;

    public DeleteByQueryApi(Node node) => _node = node;

    public async Task<RestResponse> ExecuteAsync(RestRequest request, string expression)
    {
        var started = Stopwatch.GetTimestamp();
        using var body = request.JsonBody() ?? throw Errors.Validation("query is missing");
        if (!body.RootElement.TryGetProperty("query", out var queryElement)) throw Errors.Validation("query is missing");
        var query = QueryParser.Parse(queryElement);
        var proceed = request.Param("conflicts") == "proceed";
        var indices = _node.Cluster.Resolve(expression, request.Flag("ignore_unavailable"), request.Flag("allow_no_indices", true));
        long total = 0, deleted = 0, conflicts = 0;
        var failures = new List<(IndexState Index, string Id, EsException Error)>();
        var touched = new List<IndexState>();
        var shard = 0;
        foreach (var index in indices)
        {
            touched.Add(index);
            foreach (var doc in index.Snapshot.Ordered)
            {
                if (!query.Matches(new SearchDocument(index, doc, shard))) continue;
                total++;
                try
                {
                    index.Delete(doc.Id, new WriteConditions { IfSeqNo = doc.SeqNo, IfPrimaryTerm = doc.PrimaryTerm });
                    deleted++;
                }
                catch (EsException e) when (e.Status == 409)
                {
                    conflicts++;
                    if (!proceed)
                    {
                        failures.Add((index, doc.Id, e));
                        break;
                    }
                }
            }
            shard++;
            if (failures.Count > 0) break;
        }
        await DocumentApi.RefreshAsync(request.Param("refresh"), touched);
        var took = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return RestResponse.Json(failures.Count > 0 ? 409 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("took", took);
            w.WriteBoolean("timed_out", false);
            w.WriteNumber("total", total);
            w.WriteNumber("deleted", deleted);
            w.WriteNumber("batches", total == 0 ? 0 : 1);
            w.WriteNumber("version_conflicts", conflicts);
            w.WriteNumber("noops", 0);
            w.WritePropertyName("retries");
            w.WriteStartObject();
            w.WriteNumber("bulk", 0);
            w.WriteNumber("search", 0);
            w.WriteEndObject();
            w.WriteNumber("throttled_millis", 0);
            w.WriteNumber("requests_per_second", -1.0);
            w.WriteNumber("throttled_until_millis", 0);
            w.WritePropertyName("failures");
            w.WriteStartArray();
            foreach (var (index, id, error) in failures)
            {
                w.WriteStartObject();
                w.WriteString("index", index.Name);
                w.WriteString("id", id);
                w.WritePropertyName("cause");
                error.WriteItemError(w);
                w.WriteNumber("status", error.Status);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
