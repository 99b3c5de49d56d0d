using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Sends bulk items in bodies bounded in bytes and in count, reads each item's answer, and sends items that an
/// overloaded node rejected (429, <c>es_rejected_execution_exception</c>, or a whole-request 429/503) again after
/// an exponential back-off with jitter, a bounded number of times. Other errors are left on the item.
/// </summary>
internal sealed class BulkSender
{
    private static readonly byte[] Newline = { (byte)'\n' };

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

    /// <summary>Sends every item; when it returns each has a <see cref="BulkItem.Status"/> and, if it failed, an error.</summary>
    public async Task SendAsync(IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        var pending = new List<BulkItem>(items);
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
        var bytes = 0;
        var count = 0;
        for (var i = start; i < items.Count && count < _options.MaxBulkDocuments; i++)
        {
            var size = items[i].Size;
            // A single document larger than the limit still goes, alone: splitting cannot make it smaller.
            if (count > 0 && bytes + size > _options.MaxBulkBytes) break;
            bytes += size;
            count++;
        }
        return count;
    }

    private async Task SendBodyAsync(List<BulkItem> items, int start, int count, CancellationToken cancellationToken)
    {
        var bodySize = 0;
        for (var i = start; i < start + count; i++) bodySize += items[i].Size;
        var body = new byte[bodySize];
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
        var answer = await _api.BulkAsync(body, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            // The whole request failed: every item shares the answer (429/503 are retried like item rejections).
            var error = ElasticsearchError.Parse(answer.Body) ?? ElasticsearchError.Create("bulk_error", $"HTTP {answer.Status} without an error body");
            for (var i = start; i < start + count; i++)
            {
                items[i].Status = answer.Status;
                items[i].Error = error;
            }
            return;
        }
        ReadItemAnswers(answer.Body, items, start, count);
    }

    private static void ReadItemAnswers(byte[] body, List<BulkItem> items, int start, int count)
    {
        using var document = JsonDocument.Parse(body);
        var answered = 0;
        if (document.RootElement.TryGetProperty("items", out var answers) && answers.ValueKind == JsonValueKind.Array)
        {
            foreach (var wrapper in answers.EnumerateArray())
            {
                if (answered >= count) break;
                var item = items[start + answered++];
                foreach (var action in wrapper.EnumerateObject())
                {
                    var result = action.Value;
                    item.Status = result.TryGetProperty("status", out var status) && status.TryGetInt32(out var code) ? code : 0;
                    item.Error = result.TryGetProperty("error", out var error) ? ElasticsearchError.FromElement(error) : null;
                    break;
                }
            }
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
