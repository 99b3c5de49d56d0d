using System;
using System.Collections.Immutable;
using System.Linq;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// What searches of an index see: the documents as of its last refresh. Immutable, so a point in time or
/// a scroll keeps one for as long as it lives.
/// </summary>
internal sealed class IndexSnapshot
{
    public static readonly IndexSnapshot Empty = new(ImmutableDictionary<string, StoredDocument>.Empty.WithComparers(StringComparer.Ordinal), 0);

    private StoredDocument[]? _ordered;

    public IndexSnapshot(ImmutableDictionary<string, StoredDocument> documents, long generation)
    {
        Documents = documents;
        Generation = generation;
    }

    public ImmutableDictionary<string, StoredDocument> Documents { get; }

    /// <summary>Counts refreshes; tells a cached search result whether it is still current.</summary>
    public long Generation { get; }

    /// <summary>The documents in index order (sequence number), which is what <c>_doc</c> sorts by.</summary>
    public StoredDocument[] Ordered
    {
        get
        {
            var ordered = _ordered;
            if (ordered is null)
            {
                ordered = Documents.Values.OrderBy(d => d.SeqNo).ToArray();
                _ordered = ordered;
            }
            return ordered;
        }
    }
}
