using System;
using System.Collections.Concurrent;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// How many of the documents recent batches wrote to an index it already held, per index: when hardly any were
/// there (a first load, or new ids), a batch is written with <c>op_type=create</c> straight away and only the entries
/// Elasticsearch answers 409 for are read and compared, saving the <c>_mget</c> of every batch; when many were there
/// (updates), batches read first, as a create of a present document is a wasted item.
/// </summary>
internal sealed class AbsenceEstimate
{
    /// <summary>At most this share present, and a batch is created first.</summary>
    public const double CreateFirstAtMost = 0.1;

    // Share of documents found present, per index, weighted towards the recent batches. Unknown counts as all present.
    private readonly ConcurrentDictionary<string, double> _present = new(StringComparer.Ordinal);

    /// <summary>True when recent batches found so few documents present in <paramref name="index"/> that creating first pays.</summary>
    public bool CreateFirst(string index) => _present.TryGetValue(index, out var share) && share <= CreateFirstAtMost;

    /// <summary>Records that <paramref name="present"/> of <paramref name="total"/> documents a batch looked for were in the index.</summary>
    public void Observe(string index, int present, int total)
    {
        if (total <= 0) return;
        var share = present / (double)total;
        _present.AddOrUpdate(index, share, (_, previous) => (previous + share) / 2);
    }
}
