using System;
using System.Text.Json;

namespace Synced.Core.Elasticsearch;

/// <summary>Where a table's documents live under a layout: index name, document <c>_id</c>, and back.</summary>
internal sealed class IndexNaming
{
    public IndexNaming(string index, IndexLayout layout, string discriminatorField)
    {
        BaseIndex = index;
        Layout = layout;
        DiscriminatorField = discriminatorField;
    }

    /// <summary>The alias (per table) or the index (single index).</summary>
    public string BaseIndex { get; }

    public IndexLayout Layout { get; }

    public string DiscriminatorField { get; }

    /// <summary>Pattern matching every per-table index.</summary>
    public string TableIndexPattern => BaseIndex + "-*";

    /// <summary>The index that holds <paramref name="table"/>.</summary>
    public string IndexFor(string table)
        => Layout == IndexLayout.PerTable ? BaseIndex + "-" + table.ToLowerInvariant() : BaseIndex;

    /// <summary>The <c>_id</c> of an entry: its id, or <c>&lt;table&gt;:&lt;id&gt;</c> in a single index.</summary>
    public string DocumentId(string table, Guid id)
        => Layout == IndexLayout.PerTable ? id.ToString("D") : table + ":" + id.ToString("D");

    /// <summary>Writes the <c>_id</c> of an entry as a JSON property (a per-table id without making a string of it).</summary>
    public void WriteDocumentId(Utf8JsonWriter writer, string property, string table, Guid id)
    {
        if (Layout == IndexLayout.PerTable) writer.WriteString(property, id);
        else writer.WriteString(property, DocumentId(table, id));
    }

    /// <summary>The table a per-table index holds (the part after <c>&lt;index&gt;-</c>), or null when the name does not have that form.</summary>
    public string? TableOfIndex(string indexName)
    {
        var prefix = BaseIndex + "-";
        if (!indexName.StartsWith(prefix, StringComparison.Ordinal) || indexName.Length == prefix.Length) return null;
        return indexName.Substring(prefix.Length);
    }

    /// <summary>The id part of an <c>_id</c>, or null when it does not parse as a UUID.</summary>
    public Guid? IdOfDocument(string documentId)
    {
        var text = documentId;
        if (Layout == IndexLayout.SingleIndex)
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0) text = text.Substring(colon + 1);
        }
        return Guid.TryParseExact(text, "D", out var id) ? id : null;
    }
}
