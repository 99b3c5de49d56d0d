using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Synced.Core.Model;
using Synced.Core.Time;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// The parts of request bodies Synced's searches and reads share, each written once: the <c>tmstmp</c> range, the
/// single-index layout's discriminator term, an <c>exists</c> filter, a page's point in time and <c>search_after</c>,
/// and the <c>_mget</c> of documents by id.
/// </summary>
internal static class SearchClauses
{
    /// <summary>
    /// A filter on tmstmp from <paramref name="notBefore"/> (inclusive) to <paramref name="before"/> (exclusive, when
    /// given), as ISO 8601 milliseconds: the caller rounds the bounds to what a date keeps.
    /// </summary>
    public static void WriteTmstmpRange(Utf8JsonWriter writer, DateTime notBefore, DateTime? before = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("range");
        writer.WriteStartObject(DataContract.TmstmpName);
        writer.WriteString("gte", UtcTime.FormatMilliseconds(notBefore));
        if (before is { } end) writer.WriteString("lt", UtcTime.FormatMilliseconds(end));
        writer.WriteString("format", "strict_date_optional_time");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>In the single-index layout, a filter on the discriminator naming <paramref name="table"/>; nothing in the per-table layout.</summary>
    public static void WriteTableTerm(Utf8JsonWriter writer, IndexNaming naming, string table)
    {
        if (naming.Layout != IndexLayout.SingleIndex) return;
        writer.WriteStartObject();
        writer.WriteStartObject("term");
        writer.WriteString(naming.DiscriminatorField, table);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A filter on documents that have <paramref name="field"/>.</summary>
    public static void WriteExists(Utf8JsonWriter writer, string field)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("exists");
        writer.WriteString("field", field);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Where a page reads: the point in time it searches (kept alive <paramref name="keepAlive"/>) and the sort values it continues after.</summary>
    public static void WritePage(Utf8JsonWriter writer, string? pointInTime, string keepAlive, string? searchAfter)
    {
        if (pointInTime is not null)
        {
            writer.WriteStartObject("pit");
            writer.WriteString("id", pointInTime);
            writer.WriteString("keep_alive", keepAlive);
            writer.WriteEndObject();
        }
        if (searchAfter is not null)
        {
            writer.WritePropertyName("search_after");
            writer.WriteRawValue(searchAfter, skipInputValidation: true);
        }
    }

    /// <summary>The body of an <c>_mget</c> of documents of one index by their <c>_id</c>.</summary>
    public static byte[] MultiGetBody(string index, IEnumerable<string> documentIds)
    {
        using var stream = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("docs");
            foreach (var id in documentIds)
            {
                writer.WriteStartObject();
                writer.WriteString("_index", index);
                writer.WriteString("_id", id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The body of <c>POST /&lt;index&gt;/_mget</c> for the documents of entries of one table: <c>{"ids":[...]}</c>,
    /// the index being in the path.
    /// </summary>
    public static byte[] MultiGetIdsBody(IndexNaming naming, string table, IEnumerable<Guid> ids)
    {
        using var stream = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            foreach (var id in ids)
            {
                if (naming.Layout == IndexLayout.PerTable) writer.WriteStringValue(id);
                else writer.WriteStringValue(naming.DocumentId(table, id));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
