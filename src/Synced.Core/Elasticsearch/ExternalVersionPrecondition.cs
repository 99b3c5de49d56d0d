using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The precondition of <see cref="ConflictMode.ExternalVersion"/>, checked once per index before its first write:
/// every document's <c>_version</c> is its tmstmp in microseconds since the epoch (the convention of
/// <see cref="ExternalVersionWriter.VersionOf"/>). A document written with internal versions (1, 2, ...) or with
/// external versions in milliseconds has a version any entry beats, so an older entry would overwrite a newer
/// document. A sample is checked: the newest documents, the oldest, and a run from a random instant between them.
/// An empty index passes.
/// </summary>
internal sealed class ExternalVersionPrecondition : IDisposable
{
    /// <summary>Documents read from each end of the index and from the random instant.</summary>
    internal const int SampleNewest = 50;

    internal const int SampleOldest = 25;

    internal const int SampleRandom = 25;

    private readonly ElasticsearchApi _api;
    private readonly IndexNaming _naming;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _verified = new(StringComparer.Ordinal);
    private readonly Random _random = new(); // used under _gate only

    public ExternalVersionPrecondition(ElasticsearchApi api, IndexNaming naming)
    {
        _api = api;
        _naming = naming;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Documents checked so far (for tests).</summary>
    internal int DocumentsChecked { get; private set; }

    /// <summary>
    /// Returns when the index of <paramref name="table"/> meets the precondition; throws
    /// <see cref="ExternalVersionMismatchException"/> when a sampled document does not.
    /// </summary>
    public async Task EnsureAsync(string table, CancellationToken cancellationToken)
    {
        var index = _naming.IndexFor(table);
        var key = index + "\n" + table;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_verified.Contains(key)) return;
            // Documents written within the refresh interval are checked too.
            var refreshed = await _api.SendAsync(HttpMethod.POST, "/" + index + "/_refresh", null, cancellationToken).ConfigureAwait(false);
            if (!refreshed.IsSuccess && refreshed.Status != 404) throw ElasticsearchApi.Failure(refreshed, $"refreshing {index} before checking its versions");
            var newest = await SampleAsync(index, table, descending: true, after: null, SampleNewest, cancellationToken).ConfigureAwait(false);
            if (newest.Count > 0)
            {
                var oldest = await SampleAsync(index, table, descending: false, after: null, SampleOldest, cancellationToken).ConfigureAwait(false);
                var low = oldest.Count > 0 ? oldest[0].Tmstmp : newest[newest.Count - 1].Tmstmp;
                var high = newest[0].Tmstmp;
                var pivot = low.AddTicks((long)((high - low).Ticks * _random.NextDouble()));
                var middle = await SampleAsync(index, table, descending: false, after: pivot, SampleRandom, cancellationToken).ConfigureAwait(false);
                foreach (var sample in new[] { newest, oldest, middle })
                    foreach (var document in sample)
                    {
                        DocumentsChecked++;
                        if (ExternalVersionWriter.MatchesTmstmp(document.Version, document.Tmstmp)) continue;
                        throw new ExternalVersionMismatchException(index,
                            $"Writing with external versions refuses index {index}: its documents use another version scheme. Document " +
                            $"{document.Id} has _version {document.Version} while its tmstmp {UtcTime.FormatMilliseconds(document.Tmstmp)} " +
                            $"would be version {ExternalVersionWriter.VersionOf(document.Tmstmp)} (microseconds since 1970). Writing with " +
                            "external versions here could let an older entry overwrite a newer document, so nothing was written to it. " +
                            "Use the Compare conflict mode (the default), which is safe whatever versions other writers use.");
                    }
            }
            _verified.Add(key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<(string Id, long Version, DateTime Tmstmp)>> SampleAsync(string index, string table, bool descending, DateTime? after,
        int size, CancellationToken cancellationToken)
    {
        byte[] body;
        using (var stream = new MemoryStream(256))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("size", size);
                writer.WriteBoolean("version", true);
                writer.WriteBoolean("track_total_hits", false);
                writer.WriteStartArray("_source");
                writer.WriteStringValue(DataContract.TmstmpName);
                writer.WriteEndArray();
                writer.WriteStartObject("query");
                writer.WriteStartObject("bool");
                writer.WriteStartArray("filter");
                SearchClauses.WriteExists(writer, DataContract.TmstmpName);
                if (after is not null) SearchClauses.WriteTmstmpRange(writer, after.Value);
                SearchClauses.WriteTableTerm(writer, _naming, table);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartArray("sort");
                writer.WriteStartObject();
                writer.WriteString(DataContract.TmstmpName, descending ? "desc" : "asc");
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            body = stream.ToArray();
        }

        var what = $"checking the versions of index {index} for writing with external versions";
        var answer = await _api.SendAsync(HttpMethod.POST, "/" + index + "/_search", body, cancellationToken).ConfigureAwait(false);
        var result = new List<(string, long, DateTime)>();
        if (answer.Status == 404) return result;
        if (!answer.IsSuccess) throw ElasticsearchApi.Failure(answer, what);
        using var document = JsonDocument.Parse(answer.Body);
        PartialSearchResult.ThrowIfPartial(document.RootElement, index, what);
        if (!document.RootElement.TryGetProperty("hits", out var hits) || !hits.TryGetProperty("hits", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new ElasticsearchStoreException($"{what}: the answer has no hits.hits array");
        foreach (var hit in list.EnumerateArray())
        {
            if (!hit.TryGetProperty("_version", out var versionElement) || !versionElement.TryGetInt64(out var version))
                throw new ElasticsearchStoreException($"{what}: a hit came without _version");
            var id = hit.TryGetProperty("_id", out var idElement) ? idElement.GetString() ?? "" : "";
            var tmstmp = hit.TryGetProperty("_source", out var source) && source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty(DataContract.TmstmpName, out var stored) ? ElasticsearchDate.Read(stored) : null;
            // A document without a readable tmstmp is reported by scans; it says nothing about the version scheme.
            if (tmstmp is not null) result.Add((id, version, tmstmp.Value));
        }
        return result;
    }
}
