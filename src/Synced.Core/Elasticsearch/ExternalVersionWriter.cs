using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Upsert-if-newer in <see cref="ConflictMode.ExternalVersion"/> mode: one <c>_bulk</c> of
/// <c>version_type=external</c> writes, version = tmstmp in microseconds since the epoch. Elasticsearch writes
/// an item only when its version is greater than the stored one; a 409 is the target keeping its own equal or
/// newer version (SkippedNotNewer). Only safe when every writer of the index versions documents this way.
/// </summary>
internal sealed class ExternalVersionWriter
{
    private readonly IndexNaming _naming;
    private readonly BulkSender _sender;

    public ExternalVersionWriter(IndexNaming naming, BulkSender sender, ExternalVersionPrecondition precondition)
    {
        _naming = naming;
        _sender = sender;
        Precondition = precondition;
    }

    internal ExternalVersionPrecondition Precondition { get; }

    /// <summary>The external version of a tmstmp: whole microseconds since 1970-01-01 UTC.</summary>
    public static long VersionOf(DateTime tmstmp) => (tmstmp.Ticks - UtcTime.Epoch.Ticks) / 10;

    /// <summary>
    /// True when <paramref name="version"/> is <paramref name="tmstmp"/> in microseconds at the precision the document
    /// keeps: documents hold milliseconds, so the version's millisecond is the tmstmp's.
    /// </summary>
    public static bool MatchesTmstmp(long version, DateTime tmstmp)
        => tmstmp >= UtcTime.Epoch && version >= 0 && version / 1000 == UtcTime.ToUnixMilliseconds(tmstmp);

    /// <summary>
    /// Writes the batch; throws <see cref="ExternalVersionMismatchException"/> (before writing anything) when the
    /// index's documents use another version scheme.
    /// </summary>
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(TableInfo table, IReadOnlyList<SyncEntry> batch, CancellationToken cancellationToken)
    {
        await Precondition.EnsureAsync(table.Name, cancellationToken).ConfigureAwait(false);
        var outcomes = new UpsertOutcome[batch.Count];
        var index = _naming.IndexFor(table.Name);
        var items = new List<BulkItem>(batch.Count);
        using var scratch = new JsonScratch();
        var renderer = new EntryDocument(table, _naming, scratch);
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            if (entry.Tmstmp < UtcTime.Epoch)
            {
                outcomes[i] = UpsertOutcome.Failed(entry.Id, "a tmstmp before 1970 has no external version (versions cannot be negative)");
                continue;
            }
            byte[] document;
            try
            {
                document = renderer.Render(entry);
            }
            catch (ValueConversionException ex)
            {
                outcomes[i] = UpsertOutcome.Failed(entry.Id, ex.Message);
                continue;
            }
            var action = BulkActions.IndexExternalVersion(scratch, _naming, index, table.Name, entry.Id, VersionOf(entry.Tmstmp));
            items.Add(new BulkItem(i, action, document));
        }

        if (items.Count > 0) await _sender.SendAsync(items, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            var id = batch[item.EntryIndex].Id;
            if (item.Status >= 200 && item.Status < 300 && item.Error is null) outcomes[item.EntryIndex] = UpsertOutcome.Written(id);
            else if (item.Status == 409) outcomes[item.EntryIndex] = UpsertOutcome.SkippedNotNewer(id);
            else outcomes[item.EntryIndex] = UpsertOutcome.Failed(id, ConditionalBulkWriter.Describe(item, index));
        }
        return outcomes;
    }
}
