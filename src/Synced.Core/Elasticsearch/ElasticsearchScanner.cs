using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Streams the documents of one table whose tmstmp lies in a range: refresh, then a <c>range</c> query read page by
/// page with point-in-time + <c>search_after</c> on <c>_shard_doc</c> (Elasticsearch 7.12+), or with a scroll on older
/// servers. The point in time or scroll is closed when the scan ends, fails or is cancelled.
/// </summary>
/// <remarks>
/// Elasticsearch keeps milliseconds, so the query widens the range to whole milliseconds: <c>gte</c> the begin
/// rounded down, <c>lt</c> the end rounded up. A document whose stored millisecond overlaps the range is never missed;
/// one read twice by adjacent ranges is harmless because upserts are idempotent.
/// </remarks>
internal sealed class ElasticsearchScanner
{
    private readonly ElasticsearchApi _api;
    private readonly ElasticsearchStoreOptions _options;
    private readonly IndexNaming _naming;
    private readonly bool _usePointInTime;

    public ElasticsearchScanner(ElasticsearchApi api, ElasticsearchStoreOptions options, IndexNaming naming, bool usePointInTime)
    {
        _api = api;
        _options = options;
        _naming = naming;
        _usePointInTime = usePointInTime;
    }

    /// <summary>The id of the last point in time or scroll opened (for tests that check it was closed).</summary>
    internal string? LastContextId { get; private set; }

    /// <summary>Contexts opened and closed so far.</summary>
    internal int ContextsOpened { get; private set; }

    internal int ContextsClosed { get; private set; }

    /// <summary>The query's lower bound: the begin rounded down to the millisecond.</summary>
    internal static DateTime LowerBound(DateTime begin) => UtcTime.TruncateToMilliseconds(begin);

    /// <summary>The query's upper bound (exclusive): the end rounded up to the millisecond.</summary>
    internal static DateTime UpperBound(DateTime end)
    {
        var floor = UtcTime.TruncateToMilliseconds(end);
        return floor == end ? end : floor.AddTicks(TimeSpan.TicksPerMillisecond);
    }

    public async IAsyncEnumerable<SyncEntry> ScanAsync(TableInfo table, TimeRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = _naming.IndexFor(table.Name);
        await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/" + index + "/_refresh", null, $"refreshing {index} before the scan", cancellationToken)
            .ConfigureAwait(false);

        string? contextId = null;
        try
        {
            // The next page is asked for as soon as this one is read, before its entries are handed on: Elasticsearch
            // works on it, and a pool thread reads it into entries, while the engine writes these (search_after and a
            // scroll allow no more than one ahead).
            Task<ScanPage>? pending = null;
            try
            {
                if (_usePointInTime)
                {
                    contextId = await OpenPointInTimeAsync(index, cancellationToken).ConfigureAwait(false);
                    pending = FetchAsync("/_search", SearchBody(table.Name, range, contextId, null, scroll: false));
                    while (pending is not null)
                    {
                        var page = await pending.ConfigureAwait(false);
                        pending = null;
                        if (page.ContextId is not null) contextId = LastContextId = page.ContextId;
                        if (page.Partial is not null) throw page.Partial;
                        if (page.Entries.Count >= _options.PageSize && page.LastSort is not null)
                            pending = FetchAsync("/_search", SearchBody(table.Name, range, contextId, page.LastSort, scroll: false));
                        foreach (var entry in page.Entries)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            yield return entry;
                        }
                    }
                }
                else
                {
                    pending = FetchAsync($"/{index}/_search?scroll={_options.KeepAliveText}", SearchBody(table.Name, range, null, null, scroll: true));
                    while (pending is not null)
                    {
                        var page = await pending.ConfigureAwait(false);
                        pending = null;
                        if (page.ContextId is not null)
                        {
                            if (contextId is null) ContextsOpened++;
                            contextId = LastContextId = page.ContextId;
                        }
                        if (page.Partial is not null) throw page.Partial;
                        if (page.Entries.Count > 0 && contextId is not null)
                            pending = FetchAsync("/_search/scroll", ScrollBody(contextId));
                        foreach (var entry in page.Entries)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            yield return entry;
                        }
                    }
                }
            }
            finally
            {
                // A scan stopped early still waits for the page under way, so the context closes after it.
                if (pending is not null)
                {
                    try
                    {
                        await pending.ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The scan already ends (stopped, cancelled or failed); this page is not needed.
                    }
                }
            }

            async Task<ScanPage> FetchAsync(string path, byte[] body)
            {
                using var answer = await _api.SendPooledAsync(HttpMethod.POST, path, body, cancellationToken).ConfigureAwait(false);
                if (!answer.IsSuccess) throw ElasticsearchApi.Failure(answer.ToAnswer(), $"searching {index}");
                return ReadPage(answer.Body, index, table.Name);
            }
        }
        finally
        {
            if (contextId is not null) await CloseAsync(contextId, index).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a point in time on <paramref name="index"/> and returns its id.</summary>
    private async Task<string> OpenPointInTimeAsync(string index, CancellationToken cancellationToken)
    {
        var opened = await _api.SendExpectingSuccessAsync(HttpMethod.POST, $"/{index}/_pit?keep_alive={_options.KeepAliveText}", null,
            $"opening a point in time on {index}", cancellationToken).ConfigureAwait(false);
        var id = ReadString(opened, "id") ?? throw new ElasticsearchStoreException($"opening a point in time on {index}: the answer has no id");
        LastContextId = id;
        ContextsOpened++;
        return id;
    }

    private async Task CloseAsync(string contextId, string index)
    {
        // Not the scan's token: a cancelled scan must still release the context on the server.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        byte[] body;
        string path;
        using (var stream = new MemoryStream())
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                if (_usePointInTime) writer.WriteString("id", contextId);
                else
                {
                    writer.WriteStartArray("scroll_id");
                    writer.WriteStringValue(contextId);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            body = stream.ToArray();
        }
        path = _usePointInTime ? "/_pit" : "/_search/scroll";
        var answer = await _api.SendAsync(HttpMethod.DELETE, path, body, timeout.Token).ConfigureAwait(false);
        // 404: the context already expired; either way it is gone.
        if (!answer.IsSuccess && answer.Status != 404)
            throw ElasticsearchApi.Failure(answer, $"closing the {(_usePointInTime ? "point in time" : "scroll")} of {index}");
        ContextsClosed++;
    }

    private byte[] SearchBody(string table, TimeRange range, string? pointInTime, string? searchAfter, bool scroll)
    {
        using var stream = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", _options.PageSize);
            // Counting hits costs time on large indices; a scroll context insists on it, so only PIT pages skip it.
            if (!scroll) writer.WriteBoolean("track_total_hits", false);
            writer.WriteStartObject("query");
            writer.WriteStartObject("bool");
            writer.WriteStartArray("filter");
            SearchClauses.WriteTmstmpRange(writer, LowerBound(range.Begin), UpperBound(range.End));
            SearchClauses.WriteTableTerm(writer, _naming, table);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartArray("sort");
            if (scroll) writer.WriteStringValue("_doc");
            else
            {
                writer.WriteStartObject();
                writer.WriteString("_shard_doc", "asc");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();

            SearchClauses.WritePage(writer, pointInTime, _options.KeepAliveText, searchAfter);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private byte[] ScrollBody(string scrollId)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("scroll", _options.KeepAliveText);
            writer.WriteString("scroll_id", scrollId);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>One page of a scan, read: its entries, the context and sort value to go on from, or why it is partial.</summary>
    private sealed class ScanPage
    {
        public ScanPage(List<SyncEntry> entries, string? contextId, string? lastSort, ElasticsearchStoreException? partial)
        {
            Entries = entries;
            ContextId = contextId;
            LastSort = lastSort;
            Partial = partial;
        }

        public List<SyncEntry> Entries { get; }

        public string? ContextId { get; }

        public string? LastSort { get; }

        /// <summary>Not null for a partial page, which yields no entry: the caller records the context (to close it) and throws.</summary>
        public ElasticsearchStoreException? Partial { get; }
    }

    /// <summary>
    /// Reads one page. A partial page yields no entry: the caller records the context (to close it) and throws, so the
    /// table's scan fails and its watermark stays.
    /// </summary>
    private ScanPage ReadPage(ReadOnlyMemory<byte> body, string index, string table)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var contextId = ReadString(root, "pit_id") ?? ReadString(root, "_scroll_id");
        string? lastSort = null;
        var entries = new List<SyncEntry>();
        var partial = PartialSearchResult.Check(root, index, $"scanning table {table}");
        if (partial is not null) return new ScanPage(entries, contextId, null, partial);
        if (!root.TryGetProperty("hits", out var hitsObject) || !hitsObject.TryGetProperty("hits", out var hits) || hits.ValueKind != JsonValueKind.Array)
            throw new ElasticsearchStoreException($"searching {index}: the answer has no hits.hits array");
        entries.Capacity = hits.GetArrayLength();
        var names = new FieldNames();
        JsonElement last = default;
        foreach (var hit in hits.EnumerateArray())
        {
            entries.Add(ToEntry(hit, index, table, names));
            last = hit;
        }
        if (entries.Count > 0 && last.TryGetProperty("sort", out var sort)) lastSort = sort.GetRawText();
        return new ScanPage(entries, contextId, lastSort, null);
    }

    /// <summary>
    /// Converts a hit to an entry. A document without a UUID id or a readable tmstmp becomes an unreadable entry
    /// (reported as failed, the rest of the index still syncs); an index without _source fails the scan.
    /// </summary>
    internal SyncEntry ToEntry(JsonElement hit, string index, string table) => ToEntry(hit, index, table, new FieldNames());

    /// <summary>The same, taking field names and layouts from <paramref name="names"/> (one per page: the documents of a table share them).</summary>
    internal SyncEntry ToEntry(JsonElement hit, string index, string table, FieldNames names)
    {
        if (!hit.TryGetProperty("_source", out var source) || source.ValueKind != JsonValueKind.Object)
            throw new ElasticsearchStoreException($"document {ReadString(hit, "_id") ?? ""} of index {index} came without _source; enable _source to sync this index");

        Guid? id = null;
        if (source.TryGetProperty(DataContract.IdName, out var idValue) && idValue.ValueKind == JsonValueKind.String)
        {
            // The usual form straight from the UTF-8; any other form Guid.TryParse takes as before.
            if (idValue.TryGetGuid(out var direct)) id = direct;
            else if (Guid.TryParse(idValue.GetString(), out var parsedId)) id = parsedId;
        }
        id ??= _naming.IdOfDocument(ReadString(hit, "_id") ?? "");
        var tmstmp = source.TryGetProperty(DataContract.TmstmpName, out var tmstmpValue) ? ElasticsearchDate.Read(tmstmpValue) : null;
        if (id is null)
            return SyncEntry.Unreadable(table, $"{index}/{ReadString(hit, "_id") ?? ""}", tmstmp, "it has no UUID id (neither its 'id' field nor its _id is one)");
        if (tmstmp is null)
            return SyncEntry.Unreadable(table, $"{index}/{ReadString(hit, "_id") ?? ""}", null, "it has no readable tmstmp (ISO 8601 or epoch milliseconds)");

        var discriminator = _naming.Layout == IndexLayout.SingleIndex ? _naming.DiscriminatorField : null;
        names.Names.Clear();
        names.Values.Clear();
        foreach (var property in source.EnumerateObject())
        {
            var name = names.Of(property);
            if (DataContract.IsContractName(name) || name == discriminator) continue;
            names.Names.Add(name);
            names.Values.Add(JsonValueConverter.Read(property.Value));
        }
        return new SyncEntry(table, id.Value, tmstmp.Value, names.Fields());
    }

    private static string? ReadString(byte[] body, string property)
    {
        using var document = JsonDocument.Parse(body);
        return ReadString(document.RootElement, property);
    }

    private static string? ReadString(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Hits of the first page of a version scan; later pages are sized by the bytes a hit took.</summary>
    internal const int FirstVersionPageSize = 500;

    /// <summary>
    /// The answer size version scan pages aim at: below the 85,000 bytes from which .NET puts a buffer on the
    /// large-object heap (the client's read buffer grows by doubling up to 64 KB), which only a full collection frees.
    /// A long scan then leaves no garbage behind that would make its memory grow with the index.
    /// </summary>
    internal const int VersionPageBytes = 56 * 1024;

    /// <summary>
    /// Streams the id and tmstmp of every document of a table (one per id: Elasticsearch holds only the newest), reading
    /// no stored field at all: refresh, then point-in-time (or scroll) pages with <c>_source: false</c> in
    /// <c>_shard_doc</c> (or <c>_doc</c>) order with tmstmp as a second sort key, so each hit carries its <c>_id</c>
    /// (the id, by the data contract) and its tmstmp in milliseconds as a sort value, both from doc values.
    /// <see cref="VersionScan.NotBefore"/> becomes a <c>range</c> filter; <see cref="VersionScan.Tokens"/> is applied
    /// here, as Elasticsearch cannot select by Murmur3 token. A page answered by only some shards, or cut short by a
    /// timeout, fails the scan: what it lacks would otherwise pass as "missing".
    /// </summary>
    public async IAsyncEnumerable<EntryVersion> ScanVersionsAsync(TableInfo table, VersionScan scan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = _naming.IndexFor(table.Name);
        await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/" + index + "/_refresh", null, $"refreshing {index} before the comparison", cancellationToken)
            .ConfigureAwait(false);

        var pageSize = FirstVersionPageSize;
        var versions = new List<EntryVersion>(pageSize);
        string? contextId = null;
        try
        {
            if (_usePointInTime)
            {
                contextId = await OpenPointInTimeAsync(index, cancellationToken).ConfigureAwait(false);

                // The next page is asked for as soon as this one is read, before its ids are handed on: Elasticsearch
                // works on it while the comparison digests these (search_after allows no more than one ahead).
                var pending = SearchAsync(VersionSearchBody(table.Name, scan, pageSize, contextId, null, scroll: false));
                try
                {
                    while (pending is not null)
                    {
                        var page = await pending.ConfigureAwait(false);
                        pending = null;
                        var asked = pageSize;
                        versions.Clear();
                        var hits = ReadVersionPage(page, index, scan, versions, out var nextContext, out var lastSort);
                        if (nextContext is not null) contextId = LastContextId = nextContext;
                        if (hits >= asked && lastSort is not null)
                        {
                            pageSize = Math.Max(50, Math.Min(10000, VersionPageBytes * hits / Math.Max(1, page.Length)));
                            pending = SearchAsync(VersionSearchBody(table.Name, scan, pageSize, contextId, lastSort, scroll: false));
                        }
                        foreach (var version in versions) yield return version;
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                finally
                {
                    // A scan stopped early still waits for the page under way, so the point in time closes after it.
                    if (pending is not null)
                    {
                        try
                        {
                            await pending.ConfigureAwait(false);
                        }
                        catch (Exception)
                        {
                            // The scan already ends (cancelled or failed); this page is not needed.
                        }
                    }
                }

                Task<byte[]> SearchAsync(byte[] body) => _api.SendExpectingSuccessAsync(HttpMethod.POST, "/_search", body, $"searching {index}", cancellationToken);
            }
            else
            {
                var body = VersionSearchBody(table.Name, scan, pageSize, null, null, scroll: true);
                var page = await _api.SendExpectingSuccessAsync(HttpMethod.POST, $"/{index}/_search?scroll={_options.KeepAliveText}", body,
                    $"searching {index}", cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    versions.Clear();
                    var hits = ReadVersionPage(page, index, scan, versions, out var scrollId, out _);
                    if (scrollId is not null)
                    {
                        if (contextId is null) ContextsOpened++;
                        contextId = LastContextId = scrollId;
                    }
                    foreach (var version in versions) yield return version;
                    cancellationToken.ThrowIfCancellationRequested();
                    if (hits == 0 || contextId is null) break;
                    page = await _api.SendExpectingSuccessAsync(HttpMethod.POST, "/_search/scroll", ScrollBody(contextId),
                        $"continuing the scroll of {index}", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (contextId is not null) await CloseAsync(contextId, index).ConfigureAwait(false);
        }
    }

    private byte[] VersionSearchBody(string table, VersionScan scan, int pageSize, string? pointInTime, string? searchAfter, bool scroll)
    {
        using var stream = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", pageSize);
            if (!scroll) writer.WriteBoolean("track_total_hits", false);
            writer.WriteBoolean("_source", false);
            writer.WriteStartObject("query");
            var single = _naming.Layout == IndexLayout.SingleIndex;
            if (scan.NotBefore is null && !single)
            {
                writer.WriteStartObject("match_all");
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("bool");
                writer.WriteStartArray("filter");
                if (scan.NotBefore is { } notBefore) SearchClauses.WriteTmstmpRange(writer, LowerBound(notBefore));
                SearchClauses.WriteTableTerm(writer, _naming, table);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();

            // Index order (the cheapest scan order), then tmstmp: it never reorders anything, but every hit carries its
            // tmstmp as the second sort value (epoch milliseconds, from doc values).
            writer.WriteStartArray("sort");
            writer.WriteStartObject();
            writer.WriteString(scroll ? "_doc" : "_shard_doc", "asc");
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteString(DataContract.TmstmpName, "asc");
            writer.WriteEndObject();
            writer.WriteEndArray();

            SearchClauses.WritePage(writer, pointInTime, _options.KeepAliveText, searchAfter);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads one page of a version scan into <paramref name="versions"/>; returns how many hits it had (before the token filter).</summary>
    private int ReadVersionPage(byte[] body, string index, VersionScan scan, List<EntryVersion> versions, out string? contextId, out string? lastSort)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        PartialSearchResult.ThrowIfPartial(root, index, "comparing: reading the versions of " + index);
        contextId = ReadString(root, "pit_id") ?? ReadString(root, "_scroll_id");
        lastSort = null;
        if (!root.TryGetProperty("hits", out var hitsObject) || !hitsObject.TryGetProperty("hits", out var hits) || hits.ValueKind != JsonValueKind.Array)
            throw new ElasticsearchStoreException($"searching {index}: the answer has no hits.hits array");
        var count = 0;
        JsonElement last = default;
        foreach (var hit in hits.EnumerateArray())
        {
            count++;
            last = hit;
            var version = ToSortedVersion(hit, index);
            if (scan.Tokens is { } tokens && version.ReadError is null && !IdToken.IsIn(IdToken.Of(version.Id), tokens)) continue;
            versions.Add(version);
        }
        if (count > 0 && last.TryGetProperty("sort", out var sort) && sort.ValueKind == JsonValueKind.Array) lastSort = sort.GetRawText();
        return count;
    }

    /// <summary>The id (from <c>_id</c>) and tmstmp (the second sort value, epoch milliseconds) of a hit of a version scan.</summary>
    internal EntryVersion ToSortedVersion(JsonElement hit, string index)
    {
        // Elasticsearch sorts a missing date as Long.MAX_VALUE, beyond what a tmstmp can hold.
        DateTime? tmstmp = null;
        if (hit.TryGetProperty("sort", out var sort) && sort.ValueKind == JsonValueKind.Array && sort.GetArrayLength() > 1
            && sort[1].ValueKind == JsonValueKind.Number && sort[1].TryGetInt64(out var ms))
            tmstmp = UtcTime.FromUnixMilliseconds(ms);
        // The usual _id is the id itself: read it straight from the UTF-8, without a string.
        Guid? id = _naming.Layout == IndexLayout.PerTable && hit.TryGetProperty("_id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                   && idElement.TryGetGuid(out var direct)
            ? direct
            : null;
        string? documentId = null;
        if (id is null)
        {
            documentId = ReadString(hit, "_id") ?? "";
            id = _naming.IdOfDocument(documentId);
            if (id is null) return EntryVersion.Unreadable($"{index}/{documentId}", "its _id is no UUID (by the data contract the document's _id is its id)");
        }
        if (tmstmp is null)
            return EntryVersion.Unreadable($"{index}/{documentId ?? ReadString(hit, "_id")}", "it has no tmstmp Elasticsearch can sort by (missing, or not a date)");
        return new EntryVersion(id.Value, tmstmp.Value);
    }
}
