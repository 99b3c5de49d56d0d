using System;
using System.Linq;
using Synced.Core.Model;

namespace Synced.Core.Elasticsearch;

/// <summary>Everything the Elasticsearch store needs besides the connection.</summary>
public sealed class ElasticsearchStoreOptions
{
    /// <summary>Index name (docs/design.md: the <c>index</c> input): the alias over per-table indices, or the single index.</summary>
    public string Index { get; set; } = "";

    /// <summary>Table ↔ index layout.</summary>
    public IndexLayout Layout { get; set; } = IndexLayout.PerTable;

    /// <summary>Keyword field naming the table in the <see cref="IndexLayout.SingleIndex"/> layout.</summary>
    public string DiscriminatorField { get; set; } = "table";

    /// <summary>How conditional writes are made safe.</summary>
    public ConflictMode ConflictMode { get; set; } = ConflictMode.Compare;

    /// <summary>Hits per page of a scan.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How long Elasticsearch keeps a point in time or scroll open between two pages.</summary>
    public TimeSpan ScanKeepAlive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most bytes of one <c>_bulk</c> body; a batch is split into as many bodies as needed.</summary>
    public int MaxBulkBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most documents of one <c>_bulk</c> body.</summary>
    public int MaxBulkDocuments { get; set; } = 1000;

    /// <summary>How often an entry whose document another writer changed meanwhile (409) is re-read and decided again before it fails.</summary>
    public int MaxConflictRetries { get; set; } = 5;

    /// <summary>How often items rejected by an overloaded node (429) are sent again before they fail.</summary>
    public int MaxRejectionRetries { get; set; } = 6;

    /// <summary>First back-off delay after a rejection; it doubles on each retry, with jitter.</summary>
    public TimeSpan RejectionBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest back-off delay.</summary>
    public TimeSpan MaxRejectionBackoff { get; set; } = TimeSpan.FromSeconds(10);

    // Elasticsearch's MetadataCreateIndexService refuses these in an index name (Strings.INVALID_FILENAME_CHARS and '#', ':').
    private static readonly char[] ForbiddenIndexCharacters = [' ', '"', '*', '\\', '<', '>', '|', ',', '/', '?', '#', ':'];

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Index))
            throw new ArgumentException("the Elasticsearch index name is required");
        if (Index.Any(c => char.ToLowerInvariant(c) != c) || Index.IndexOfAny(ForbiddenIndexCharacters) >= 0
            || Index.StartsWith("_", StringComparison.Ordinal) || Index.StartsWith("-", StringComparison.Ordinal) || Index.StartsWith("+", StringComparison.Ordinal))
            throw new ArgumentException($"'{Index}' is not a valid Elasticsearch index name: lower case, no spaces or any of \" * \\ < > | , / ? # :, not starting with _ - +");
        if (Layout == IndexLayout.SingleIndex && string.IsNullOrWhiteSpace(DiscriminatorField))
            throw new ArgumentException("the single-index layout needs a discriminator field name");
        if (DataContract.IsContractName(DiscriminatorField))
            throw new ArgumentException($"the discriminator field cannot be '{DiscriminatorField}': it is a contract field");
        if (PageSize < 1 || PageSize > 10000) throw new ArgumentException("the page size must be between 1 and 10000");
        if (MaxBulkBytes < 1024) throw new ArgumentException("the bulk byte limit must be at least 1024");
        if (MaxBulkDocuments < 1) throw new ArgumentException("the bulk document limit must be at least 1");
        if (MaxConflictRetries < 0 || MaxRejectionRetries < 0) throw new ArgumentException("retry counts cannot be negative");
        if (ScanKeepAlive < TimeSpan.FromSeconds(1)) throw new ArgumentException("the scan keep-alive must be at least one second");
    }

    /// <summary>The keep-alive as Elasticsearch time units, e.g. <c>120s</c>.</summary>
    internal string KeepAliveText => ((long)Math.Ceiling(ScanKeepAlive.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";
}
