using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Elasticsearch.Net;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Upsert-if-newer in <see cref="ConflictMode.Compare"/> mode (docs/design.md §3): read the stored documents with
/// <c>_mget</c>, keep the entries whose tmstmp (in milliseconds, as Elasticsearch stores it) is greater than the
/// stored one, and write them with <c>op_type=create</c> (absent) or <c>if_seq_no</c> + <c>if_primary_term</c>
/// (present). A 409 means another writer got there between read and write: that entry is read and decided again,
/// a bounded number of times. When recent batches found hardly any of their documents in the index
/// (<see cref="AbsenceEstimate"/>), a batch is first sent as creates without reading: Elasticsearch creates only what
/// is absent (anything is newer than nothing) and answers 409 for the rest, which then take the read path.
/// </summary>
internal sealed class ConditionalBulkWriter
{
    private readonly ElasticsearchApi _api;
    private readonly ElasticsearchStoreOptions _options;
    private readonly IndexNaming _naming;
    private readonly BulkSender _sender;
    private readonly AbsenceEstimate _absence = new();

    public ConditionalBulkWriter(ElasticsearchApi api, ElasticsearchStoreOptions options, IndexNaming naming, BulkSender sender)
    {
        _api = api;
        _options = options;
        _naming = naming;
        _sender = sender;
    }

    /// <summary>Test seam: runs after the stored versions were read and before the bulk write of each round.</summary>
    internal Func<int, CancellationToken, Task>? AfterReadHook { get; set; }

    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, UpsertContext context, CancellationToken cancellationToken)
    {
        var outcomes = new UpsertOutcome?[batch.Count];
        var index = _naming.IndexFor(table.Name);
        var documents = new byte[batch.Count][];
        var pending = new List<int>(batch.Count);
        using var scratch = new JsonScratch();
        var renderer = new EntryDocument(table, _naming, scratch);
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                documents[i] = renderer.Render(batch[i]);
                pending.Add(i);
            }
            catch (ValueConversionException ex)
            {
                outcomes[i] = UpsertOutcome.Failed(batch[i].Id, ex.Message);
            }
        }

        var createdFirst = pending.Count > 0 && !context.DryRun && _absence.CreateFirst(index);
        if (createdFirst)
            pending = await CreateFirstAsync(index, table.Name, batch, documents, pending, outcomes, scratch, cancellationToken).ConfigureAwait(false);

        for (var round = 0; pending.Count > 0; round++)
        {
            var stored = await ReadStoredAsync(index, table.Name, batch, pending, cancellationToken).ConfigureAwait(false);
            // What a batch's own read finds tells how full the index is (after creates, only the present are read).
            if (round == 0 && !createdFirst) _absence.Observe(index, stored.Count(v => v.Found), stored.Length);
            var items = new List<BulkItem>(pending.Count);
            for (var p = 0; p < pending.Count; p++)
            {
                var i = pending[p];
                var entry = batch[i];
                var version = stored[p];
                if (version.Problem is not null)
                {
                    outcomes[i] = UpsertOutcome.Failed(entry.Id, version.Problem);
                    continue;
                }
                if (version.Found && version.Tmstmp is null)
                {
                    outcomes[i] = UpsertOutcome.Failed(entry.Id,
                        $"the stored document {_naming.DocumentId(table.Name, entry.Id)} in {index} has no readable tmstmp; it is left as it is");
                    continue;
                }
                if (version.Found && !UtcTime.IsNewer(entry.Tmstmp, version.Tmstmp!.Value, TimestampPrecision.Milliseconds))
                {
                    outcomes[i] = UpsertOutcome.SkippedNotNewer(entry.Id);
                    continue;
                }
                if (context.DryRun)
                {
                    outcomes[i] = UpsertOutcome.WouldWrite(entry.Id);
                    continue;
                }
                var action = version.Found
                    ? BulkActions.IndexIfUnchanged(scratch, _naming, index, table.Name, entry.Id, version.SeqNo, version.PrimaryTerm)
                    : BulkActions.Create(scratch, _naming, index, table.Name, entry.Id);
                items.Add(new BulkItem(i, action, documents[i]));
            }
            if (items.Count == 0) break;

            if (AfterReadHook is not null) await AfterReadHook(round, cancellationToken).ConfigureAwait(false);
            await _sender.SendAsync(items, cancellationToken).ConfigureAwait(false);

            pending = new List<int>();
            foreach (var item in items)
            {
                var entry = batch[item.EntryIndex];
                if (item.Status >= 200 && item.Status < 300 && item.Error is null)
                    outcomes[item.EntryIndex] = UpsertOutcome.Written(entry.Id);
                else if (item.Status == 409)
                {
                    if (round < _options.MaxConflictRetries) pending.Add(item.EntryIndex);
                    else outcomes[item.EntryIndex] = UpsertOutcome.Failed(entry.Id,
                        $"document {_naming.DocumentId(table.Name, entry.Id)} in {index} was changed by another writer {round + 1} times while it was being written; the next run retries it");
                }
                else
                    outcomes[item.EntryIndex] = UpsertOutcome.Failed(entry.Id, Describe(item, index));
            }
        }

        var result = new UpsertOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            result[i] = outcomes[i] ?? UpsertOutcome.Failed(batch[i].Id, "no outcome was decided (internal error)");
        return result;
    }

    /// <summary>
    /// Sends every pending entry as a create, without reading: written where the index had no document, failed on an
    /// error of its own, and left pending (for the read path) where the index answered 409 because one was there.
    /// </summary>
    private async Task<List<int>> CreateFirstAsync(string index, string table, IReadOnlyList<SyncEntry> batch, byte[][] documents, List<int> pending,
        UpsertOutcome?[] outcomes, JsonScratch scratch, CancellationToken cancellationToken)
    {
        var items = new List<BulkItem>(pending.Count);
        foreach (var i in pending) items.Add(new BulkItem(i, BulkActions.Create(scratch, _naming, index, table, batch[i].Id), documents[i]));
        await _sender.SendAsync(items, cancellationToken).ConfigureAwait(false);
        var present = new List<int>();
        foreach (var item in items)
        {
            var entry = batch[item.EntryIndex];
            if (item.Status >= 200 && item.Status < 300 && item.Error is null) outcomes[item.EntryIndex] = UpsertOutcome.Written(entry.Id);
            else if (item.Status == 409) present.Add(item.EntryIndex);
            else outcomes[item.EntryIndex] = UpsertOutcome.Failed(entry.Id, Describe(item, index));
        }
        _absence.Observe(index, present.Count, items.Count);
        return present;
    }

    internal static string Describe(BulkItem item, string index)
        => item.Error is null ? $"Elasticsearch answered HTTP {item.Status} for index {index}" : $"{item.Error} (HTTP {item.Status}, index {index})";

    private async Task<StoredVersion[]> ReadStoredAsync(string index, string table, IReadOnlyList<SyncEntry> batch, List<int> pending, CancellationToken cancellationToken)
    {
        var body = SearchClauses.MultiGetIdsBody(_naming, table, pending.Select(i => batch[i].Id));

        var result = new StoredVersion[pending.Count];
        using var answer = await _api.SendPooledAsync(HttpMethod.POST, "/" + index + "/_mget?_source_includes=" + DataContract.TmstmpName, body, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            var failure = ElasticsearchApi.Failure(answer.ToAnswer(), $"reading the stored versions from {index} (_mget)");
            var problem = failure.ErrorType == "index_not_found_exception" ? $"index {index} does not exist; create the table first ({failure.Message})" : failure.Message;
            for (var p = 0; p < result.Length; p++) result[p] = StoredVersion.Unknown(problem);
            return result;
        }

        using var document = JsonDocument.Parse(answer.Body);
        var docs = document.RootElement.TryGetProperty("docs", out var d) && d.ValueKind == JsonValueKind.Array ? d : default;
        var p2 = 0;
        if (docs.ValueKind == JsonValueKind.Array)
            foreach (var doc in docs.EnumerateArray())
            {
                if (p2 >= result.Length) break;
                result[p2++] = ReadStored(doc, index);
            }
        for (; p2 < result.Length; p2++)
            result[p2] = StoredVersion.Unknown($"the _mget answer of {index} has no result for this document");
        return result;
    }

    private static StoredVersion ReadStored(JsonElement doc, string index)
    {
        if (doc.TryGetProperty("error", out var error))
        {
            var parsed = ElasticsearchError.FromElement(error);
            return StoredVersion.Unknown(parsed.Type == "index_not_found_exception"
                ? $"index {index} does not exist; create the table first ({parsed})"
                : $"reading the stored document failed: {parsed}");
        }
        if (!doc.TryGetProperty("found", out var found) || found.ValueKind != JsonValueKind.True)
            return StoredVersion.Absent;
        if (!doc.TryGetProperty("_seq_no", out var seqNo) || !seqNo.TryGetInt64(out var seq)
            || !doc.TryGetProperty("_primary_term", out var term) || !term.TryGetInt64(out var primaryTerm))
            return StoredVersion.Unknown($"the _mget answer of {index} lacks _seq_no/_primary_term; optimistic concurrency needs Elasticsearch 6.7+");
        DateTime? tmstmp = null;
        if (doc.TryGetProperty("_source", out var source) && source.ValueKind == JsonValueKind.Object
            && source.TryGetProperty(DataContract.TmstmpName, out var stored))
            tmstmp = ElasticsearchDate.Read(stored);
        return StoredVersion.Present(tmstmp, seq, primaryTerm);
    }
}
