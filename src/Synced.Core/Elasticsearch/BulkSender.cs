using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Sends bulk items in bodies bounded in bytes and in count, reads each item's answer, and sends items that an
/// overloaded node rejected (429, <c>es_rejected_execution_exception</c>, or a whole-request 429/503) again after
/// an exponential back-off with jitter, a bounded number of times. Other errors are left on the item.
/// </summary>
/// <remarks>
/// A body larger than the cluster's <c>http.max_content_length</c> (100 MB unless configured) is refused whole with
/// 413. So bodies stay below the limit the nodes report (<c>GET _nodes/http</c>); a body answered 413 all the same
/// is split in halves and sent again, and a document that cannot fit in any request fails alone, unsent, with
/// its size and the limit.
/// </remarks>
internal sealed class BulkSender
{
    private static readonly byte[] Newline = { (byte)'\n' };

    /// <summary>Elasticsearch's default <c>http.max_content_length</c>, assumed when the nodes cannot be asked.</summary>
    internal const long DefaultContentLimit = 100L * 1024 * 1024;

    /// <summary>The cluster's request size limit in bytes; 0 until read.</summary>
    private long _contentLimit;

    private readonly ElasticsearchApi _api;
    private readonly ElasticsearchStoreOptions _options;
    private readonly RejectionBackoff _backoff;

    public BulkSender(ElasticsearchApi api, ElasticsearchStoreOptions options)
    {
        _api = api;
        _options = options;
        _backoff = new RejectionBackoff(options.RejectionBackoff, options.MaxRejectionBackoff);
    }

    private int _bodiesSent;
    private int _rejectedItemRetries;

    /// <summary>Bodies sent so far (for tests and measurements).</summary>
    public int BodiesSent => Volatile.Read(ref _bodiesSent);

    /// <summary>Items sent again after a rejection so far.</summary>
    public int RejectedItemRetries => Volatile.Read(ref _rejectedItemRetries);

    /// <summary>The request size limit in use (the cluster's, once read; lowered by a 413).</summary>
    internal long ContentLimit => Interlocked.Read(ref _contentLimit);

    /// <summary>Sends every item; when it returns each has a <see cref="BulkItem.Status"/> and, if it failed, an error.</summary>
    public async Task SendAsync(IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        var limit = await ContentLimitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<BulkItem>(items.Count);
        foreach (var item in items)
        {
            if (item.Size <= limit)
            {
                pending.Add(item);
                continue;
            }
            // No request can carry it: sending would only earn a 413 for it and for every item in its body.
            item.Status = 413;
            item.Error = TooLarge(item.Size, limit);
        }
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Add(ref _rejectedItemRetries, pending.Count);
                await _backoff.WaitAsync(attempt - 1, cancellationToken).ConfigureAwait(false);
            }
            var rejected = new List<BulkItem>();
            var start = 0;
            while (start < pending.Count)
            {
                var count = CountFitting(pending, start);
                await SendBodyAsync(pending, start, count, cancellationToken).ConfigureAwait(false);
                for (var i = start; i < start + count; i++)
                    if (IsRejected(pending[i])) rejected.Add(pending[i]);
                start += count;
            }
            if (rejected.Count > 0 && attempt >= _options.MaxRejectionRetries)
            {
                foreach (var item in rejected)
                    item.Error = ElasticsearchError.Create("es_rejected_execution_exception",
                        $"rejected by Elasticsearch {attempt + 1} times (node overloaded), last: {item.Error?.ToString() ?? "HTTP " + item.Status}; the next run retries it");
                return;
            }
            pending = rejected;
        }
    }

    private int CountFitting(List<BulkItem> items, int start)
    {
        var bytes = 0L;
        var count = 0;
        var cap = Math.Min(_options.MaxBulkBytes, ContentLimit);
        for (var i = start; i < items.Count && count < _options.MaxBulkDocuments; i++)
        {
            var size = items[i].Size;
            // A document larger than MaxBulkBytes still goes, alone (it is within the cluster's limit: see SendAsync).
            if (count > 0 && bytes + size > cap) break;
            bytes += size;
            count++;
        }
        return count;
    }

    private async Task SendBodyAsync(List<BulkItem> items, int start, int count, CancellationToken cancellationToken)
    {
        var bodySize = 0;
        for (var i = start; i < start + count; i++) bodySize += items[i].Size;
        // A pooled buffer: bodies of a few hundred kilobytes would otherwise each be garbage on the large-object heap.
        var body = ArrayPool<byte>.Shared.Rent(Math.Max(1, bodySize));
        int status;
        try
        {
            var at = 0;
            for (var i = start; i < start + count; i++)
            {
                var item = items[i];
                Buffer.BlockCopy(item.Action, 0, body, at, item.Action.Length);
                at += item.Action.Length;
                body[at++] = Newline[0];
                Buffer.BlockCopy(item.Document, 0, body, at, item.Document.Length);
                at += item.Document.Length;
                body[at++] = Newline[0];
            }

            Interlocked.Increment(ref _bodiesSent);
            using var answer = await _api.BulkAsync(body, bodySize, cancellationToken).ConfigureAwait(false);
            status = answer.Status;
            if (status != 413)
            {
                if (!answer.IsSuccess)
                {
                    // The whole request failed: every item shares the answer (429/503 are retried like item rejections).
                    var error = ElasticsearchError.Parse(answer.Body.ToArray()) ?? ElasticsearchError.Create("bulk_error", $"HTTP {status} without an error body");
                    for (var i = start; i < start + count; i++)
                    {
                        items[i].Status = status;
                        items[i].Error = error;
                    }
                    return;
                }
                ReadItemAnswers(answer.Body.Span, items, start, count);
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        // 413: the cluster's limit is lower than what it reported (or a proxy's is): never send this much again.
        LowerContentLimit(bodySize - 1);
        if (count == 1)
        {
            items[start].Status = 413;
            items[start].Error = TooLarge(items[start].Size, null);
            return;
        }
        var half = count / 2;
        await SendBodyAsync(items, start, half, cancellationToken).ConfigureAwait(false);
        await SendBodyAsync(items, start + half, count - half, cancellationToken).ConfigureAwait(false);
    }

    private static ElasticsearchError TooLarge(int size, long? limit)
        => ElasticsearchError.Create("request_entity_too_large", limit is { } known
            ? $"the document takes {size} bytes in a bulk request, more than the cluster's http.max_content_length of {known} bytes, so no request can carry it and it was not sent; make the entry smaller or raise http.max_content_length"
            : $"Elasticsearch refused a request holding only this document ({size} bytes) as too large (HTTP 413): it exceeds http.max_content_length (or a proxy's body limit); make the entry smaller or raise the limit");

    private void LowerContentLimit(long limit)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _contentLimit);
            if (current != 0 && current <= limit) return;
            if (Interlocked.CompareExchange(ref _contentLimit, Math.Max(1, limit), current) == current) return;
        }
    }

    /// <summary>
    /// The smallest <c>http.max_content_length</c> of the nodes (any of them may receive a request), read once;
    /// Elasticsearch's default when the nodes cannot be asked (a 413 then lowers it).
    /// </summary>
    private async Task<long> ContentLimitAsync(CancellationToken cancellationToken)
    {
        var known = Interlocked.Read(ref _contentLimit);
        if (known != 0) return known;
        long limit = 0;
        try
        {
            var answer = await _api.SendAsync(global::Elasticsearch.Net.HttpMethod.GET, "/_nodes/http?filter_path=nodes.*.http.max_content_length_in_bytes", null, cancellationToken)
                .ConfigureAwait(false);
            if (answer.IsSuccess)
            {
                using var document = JsonDocument.Parse(answer.Body);
                if (document.RootElement.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Object)
                    foreach (var node in nodes.EnumerateObject())
                        if (node.Value.TryGetProperty("http", out var http) && http.TryGetProperty("max_content_length_in_bytes", out var max)
                            && max.TryGetInt64(out var bytes) && bytes > 0)
                            limit = limit == 0 ? bytes : Math.Min(limit, bytes);
            }
        }
        catch (Exception ex) when (ex is ElasticsearchStoreException or JsonException)
        {
            // Not allowed to ask (no monitor privilege) or no answer: the default stands, and a 413 corrects it.
        }
        if (limit == 0) limit = DefaultContentLimit;
        Interlocked.CompareExchange(ref _contentLimit, limit, 0);
        return Interlocked.Read(ref _contentLimit);
    }

    /// <summary>
    /// Reads each item's status and error from a <c>_bulk</c> answer, streaming through it (an answer holds a few hundred
    /// bytes per item, most of which are not needed); items the answer lacks get an error.
    /// </summary>
    internal static void ReadItemAnswers(ReadOnlySpan<byte> body, List<BulkItem> items, int start, int count)
    {
        var answered = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!reader.ValueTextEquals("items"))
                    {
                        reader.Skip();
                        continue;
                    }
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }
                    // [ { "<action>": { "status": .., "error": {..}, ... } }, ... ]
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (answered >= count)
                        {
                            reader.Skip();
                            continue;
                        }
                        var item = items[start + answered++];
                        item.Status = 0;
                        item.Error = null;
                        var first = true;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            reader.Read();
                            if (!first || reader.TokenType != JsonTokenType.StartObject)
                            {
                                reader.Skip();
                                continue;
                            }
                            first = false;
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                if (reader.ValueTextEquals("status"))
                                {
                                    reader.Read();
                                    item.Status = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code) ? code : 0;
                                }
                                else if (reader.ValueTextEquals("error"))
                                {
                                    reader.Read();
                                    using var error = JsonDocument.ParseValue(ref reader);
                                    item.Error = ElasticsearchError.FromElement(error.RootElement);
                                }
                                else
                                {
                                    reader.Skip();
                                }
                            }
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A cut or garbled answer: the items it did not answer in full fail below.
            if (answered > 0) answered--;
        }
        for (var i = answered; i < count; i++)
        {
            items[start + i].Status = 0;
            items[start + i].Error = ElasticsearchError.Create("bulk_error", "the _bulk answer has no result for this item");
        }
    }

    private static bool IsRejected(BulkItem item)
        => item.Status == 429 || item.Status == 503 || (item.Error is not null && item.Error.IsRejection);
}
