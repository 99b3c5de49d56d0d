using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Refuses a search answer that Elasticsearch marks as partial. A search whose shards did not all answer
/// (<c>_shards.failed &gt; 0</c>) or that ran past its timeout (<c>timed_out: true</c>) is still HTTP 200, with the
/// hits of the shards that did answer; taking it as complete would skip the missing entries without a word and
/// let the watermark pass them (docs/design.md §4).
/// </summary>
internal static class PartialSearchResult
{
    /// <summary>Throws <see cref="ElasticsearchStoreException"/> when <paramref name="answer"/> is partial.</summary>
    /// <param name="answer">The root of a search answer.</param>
    /// <param name="index">The index or alias that was searched.</param>
    /// <param name="what">What the search was for, e.g. <c>scanning table users</c>.</param>
    public static void ThrowIfPartial(JsonElement answer, string index, string what)
    {
        if (Check(answer, index, what) is { } partial) throw partial;
    }

    /// <summary>The exception that says why <paramref name="answer"/> is partial, or null when it is complete.</summary>
    public static ElasticsearchStoreException? Check(JsonElement answer, string index, string what)
    {
        if (answer.ValueKind != JsonValueKind.Object) return null;
        if (answer.TryGetProperty("_shards", out var shards) && shards.ValueKind == JsonValueKind.Object
            && shards.TryGetProperty("failed", out var failedElement) && failedElement.TryGetInt32(out var failed) && failed > 0)
        {
            var total = shards.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n.ToString(CultureInfo.InvariantCulture) : "?";
            var reasons = new List<string>();
            if (shards.TryGetProperty("failures", out var failures) && failures.ValueKind == JsonValueKind.Array)
                foreach (var failure in failures.EnumerateArray()) reasons.Add(Describe(failure));
            if (reasons.Count == 0) reasons.Add("Elasticsearch gave no reason");
            return new ElasticsearchStoreException(
                $"{what}: Elasticsearch answered a search of {index} with a partial result: {failed} of {total} shards failed " +
                $"({string.Join("; ", reasons)}). The scan stops here so that no entry is skipped and the watermark stays. " +
                "Fix the cause (cluster health, unassigned or relocating shards, or a field mapped differently in one of the " +
                $"indices under {index}: 'tmstmp' must be a date in all of them), then run again.",
                200, "partial_search_result");
        }
        if (answer.TryGetProperty("timed_out", out var timedOut) && timedOut.ValueKind == JsonValueKind.True)
            return new ElasticsearchStoreException(
                $"{what}: Elasticsearch answered a search of {index} with timed_out: true, so the page may lack entries. The scan " +
                "stops here so that no entry is skipped and the watermark stays. Run again when the cluster is less busy, or " +
                "lower the page size.",
                200, "search_timed_out");
        return null;
    }

    /// <summary>"shard 1 of index app-users: type: reason (caused by: type: reason)".</summary>
    private static string Describe(JsonElement failure)
    {
        var text = new StringBuilder("shard ");
        text.Append(failure.TryGetProperty("shard", out var shard) ? shard.GetRawText() : "?");
        if (failure.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.String)
            text.Append(" of index ").Append(index.GetString());
        if (failure.TryGetProperty("reason", out var reason))
        {
            var error = ElasticsearchError.FromElement(reason);
            text.Append(": ").Append(error);
            if (reason.ValueKind == JsonValueKind.Object && reason.TryGetProperty("caused_by", out var cause))
                text.Append(" (caused by ").Append(ElasticsearchError.FromElement(cause)).Append(')');
        }
        return text.ToString();
    }
}
