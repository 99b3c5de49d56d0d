using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Synced.Core.Model;
using Synced.Cql.Types;

namespace Synced.Core.Elasticsearch;

/// <summary>
/// Derives an explicit Elasticsearch mapping from a Cassandra table's CQL column types (docs/elasticsearch-mapping.md).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>CQL</term><description>Elasticsearch</description></listheader>
/// <item><term>uuid, timeuuid</term><description>keyword</description></item>
/// <item><term>text, varchar, ascii</term><description>text with a <c>keyword</c> subfield (ignore_above 256)</description></item>
/// <item><term>tinyint, smallint, int, bigint, counter</term><description>long</description></item>
/// <item><term>varint</term><description>keyword: a varint can exceed a long; its decimal digits are kept exactly</description></item>
/// <item><term>decimal</term><description>keyword: no Elasticsearch number type keeps every digit of a decimal</description></item>
/// <item><term>float, double</term><description>float, double</description></item>
/// <item><term>boolean</term><description>boolean</description></item>
/// <item><term>timestamp, date</term><description>date (strict_date_optional_time||epoch_millis)</description></item>
/// <item><term>time, duration</term><description>keyword (no Elasticsearch type holds them)</description></item>
/// <item><term>blob</term><description>binary (base64)</description></item>
/// <item><term>inet</term><description>ip</description></item>
/// <item><term>list&lt;T&gt;, set&lt;T&gt;</term><description>the mapping of T (Elasticsearch fields hold arrays)</description></item>
/// <item><term>map&lt;K, V&gt;</term><description>flattened (7.3+): one field whatever the keys, so distinct keys never
/// exceed <c>index.mapping.total_fields.limit</c>; before 7.3 an object that is not indexed (enabled: false)</description></item>
/// <item><term>tuple&lt;..&gt;</term><description>keyword array; not indexed (object, enabled: false) when a component is a map or UDT</description></item>
/// <item><term>user-defined type</term><description>object, dynamic</description></item>
/// <item><term>vector&lt;float, n&gt; (Cassandra 5.0)</term><description>dense_vector with dims n (a column of its own, n up to
/// 2048, the limit of Elasticsearch 7.x); inside a collection, or longer, or of another element type: the mapping of
/// its element type (an array)</description></item>
/// <item><term>custom type</term><description>keyword</description></item>
/// </list>
/// <c>id</c> is always keyword and <c>tmstmp</c> a date, whatever the source declares. The root mapping turns date
/// detection off so that strings inside maps and UDTs never become dates by chance.
/// </remarks>
internal static class ElasticsearchMappingBuilder
{
    /// <summary>Writes the mapping object of one field of CQL type <paramref name="cqlType"/>.</summary>
    /// <param name="writer">Where the mapping goes.</param>
    /// <param name="cqlType">The column's CQL type.</param>
    /// <param name="flattenedMaps">Whether the cluster has the <c>flattened</c> type (Elasticsearch 7.3+).</param>
    public static void WriteFieldMapping(Utf8JsonWriter writer, CqlType cqlType, bool flattenedMaps = true)
    {
        writer.WriteStartObject();
        WriteFieldMappingBody(writer, cqlType, flattenedMaps, column: true);
        writer.WriteEndObject();
    }

    /// <summary>The mapping of one field as JSON text (for tests and documentation).</summary>
    public static string FieldMappingJson(CqlType cqlType, bool flattenedMaps = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteFieldMapping(writer, cqlType, flattenedMaps);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The body of <c>PUT /&lt;index&gt;</c> (<paramref name="wrapInMappings"/>) or of <c>PUT /&lt;index&gt;/_mapping</c>
    /// for a source table: contract fields, discriminator (when given), every column, and <c>_meta</c> naming the
    /// table(s) so listing keeps the source's spelling.
    /// </summary>
    public static byte[] BuildMapping(TableInfo sourceTable, string? discriminatorField, string[] metaTables, bool wrapInMappings, bool flattenedMaps = true)
    {
        CheckDottedNames(sourceTable);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (wrapInMappings) writer.WriteStartObject("mappings");
            writer.WriteBoolean("date_detection", false);
            writer.WriteStartObject("_meta");
            writer.WriteStartArray(ContractCheck.MetaTablesKey);
            foreach (var table in metaTables) writer.WriteStringValue(table);
            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartObject("properties");
            writer.WriteStartObject(DataContract.IdName);
            WriteType(writer, DataContract.IdFieldType);
            writer.WriteEndObject();
            writer.WriteStartObject(DataContract.TmstmpName);
            WriteType(writer, DataContract.TmstmpFieldType);
            writer.WriteString("format", DataContract.TmstmpDateFormat);
            writer.WriteEndObject();
            if (discriminatorField is not null)
            {
                writer.WriteStartObject(discriminatorField);
                WriteType(writer, ElasticsearchFieldType.Keyword);
                writer.WriteEndObject();
            }
            foreach (var column in sourceTable.Columns)
            {
                if (DataContract.IsContractName(column.Name) || column.Name == discriminatorField) continue;
                // A column of another store's type (an Elasticsearch field) says nothing of its CQL values.
                var type = column.CqlType
                           ?? throw new NotSupportedException($"cannot derive an Elasticsearch mapping for column {sourceTable.Name}.{column.Name}: " +
                                                              $"its type {column.TypeName} is no CQL type; only a Cassandra table's columns map");
                writer.WritePropertyName(column.Name);
                WriteFieldMapping(writer, type, flattenedMaps);
            }
            writer.WriteEndObject();
            if (wrapInMappings) writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Elasticsearch reads a dot in a field name as an object path: a (quoted) CQL column <c>"a.b"</c> becomes field
    /// <c>b</c> of object <c>a</c>, and documents keep the key as written, so it maps and round-trips. Refused are the
    /// names that cannot: an empty segment (<c>"a."</c>, <c>".a"</c>, <c>"a..b"</c>), and a column that names a value
    /// where another column's path needs an object (<c>a</c> beside <c>"a.b"</c>).
    /// </summary>
    private static void CheckDottedNames(TableInfo table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns) names.Add(column.Name);
        foreach (var column in table.Columns)
        {
            if (column.Name.IndexOf('.') < 0) continue;
            var parts = column.Name.Split('.');
            if (Array.IndexOf(parts, "") >= 0)
                throw new NotSupportedException($"cannot derive an Elasticsearch mapping for table {table.Name}: column '{column.Name}' has an empty " +
                                                "part between its dots, and Elasticsearch reads dots in field names as object paths; rename the column");
            for (var i = 1; i < parts.Length; i++)
            {
                var prefix = string.Join(".", parts, 0, i);
                if (names.Contains(prefix))
                    throw new NotSupportedException($"cannot derive an Elasticsearch mapping for table {table.Name}: column '{column.Name}' is the " +
                                                    $"object path {string.Join(" > ", parts)} to Elasticsearch, and column '{prefix}' holds a value at " +
                                                    "that path, where the object must be; rename one of them");
            }
        }
    }

    /// <summary>The largest dense_vector every supported Elasticsearch version accepts (7.x: 2048 dims).</summary>
    public const int MaxDenseVectorDims = 2048;

    private static void WriteFieldMappingBody(Utf8JsonWriter writer, CqlType type, bool flattenedMaps, bool column = false)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Vector:
                // A dense_vector field holds one vector: only a column's own vector<float, n> is one.
                if (column && type.ElementType.Code == CqlTypeCode.Float && type.Dimensions <= MaxDenseVectorDims)
                {
                    WriteType(writer, ElasticsearchFieldType.DenseVector);
                    writer.WriteNumber("dims", type.Dimensions);
                }
                else WriteFieldMappingBody(writer, type.ElementType, flattenedMaps);
                return;
            case CqlTypeCode.Custom:
            case CqlTypeCode.Uuid:
            case CqlTypeCode.Timeuuid:
            case CqlTypeCode.Varint:
            case CqlTypeCode.Decimal:
            case CqlTypeCode.Time:
            case CqlTypeCode.Duration:
                WriteType(writer, ElasticsearchFieldType.Keyword);
                return;
            case CqlTypeCode.Varchar:
            case CqlTypeCode.Ascii:
                WriteType(writer, ElasticsearchFieldType.Text);
                writer.WriteStartObject("fields");
                writer.WriteStartObject("keyword");
                WriteType(writer, ElasticsearchFieldType.Keyword);
                writer.WriteNumber("ignore_above", 256);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            case CqlTypeCode.Tinyint:
            case CqlTypeCode.Smallint:
            case CqlTypeCode.Int:
            case CqlTypeCode.Bigint:
            case CqlTypeCode.Counter:
                WriteType(writer, ElasticsearchFieldType.Long);
                return;
            case CqlTypeCode.Float:
                WriteType(writer, ElasticsearchFieldType.Float);
                return;
            case CqlTypeCode.Double:
                WriteType(writer, ElasticsearchFieldType.Double);
                return;
            case CqlTypeCode.Boolean:
                WriteType(writer, ElasticsearchFieldType.Boolean);
                return;
            case CqlTypeCode.Timestamp:
            case CqlTypeCode.Date:
                WriteType(writer, ElasticsearchFieldType.Date);
                writer.WriteString("format", DataContract.TmstmpDateFormat);
                return;
            case CqlTypeCode.Blob:
                WriteType(writer, ElasticsearchFieldType.Binary);
                return;
            case CqlTypeCode.Inet:
                WriteType(writer, ElasticsearchFieldType.Ip);
                return;
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
                WriteFieldMappingBody(writer, type.ElementType, flattenedMaps);
                return;
            case CqlTypeCode.Map:
                // Keys are data, not a schema: as an object each distinct key would become a field of the index, and
                // a few thousand keys exceed index.mapping.total_fields.limit (1000), failing every later write.
                // flattened is one field whatever the keys (leaf values indexed as keywords); before 7.3 the map is
                // kept in _source only. Either way the document keeps the map as it is.
                if (flattenedMaps) WriteType(writer, ElasticsearchFieldType.Flattened);
                else WriteUnindexedObject(writer);
                return;
            case CqlTypeCode.Tuple:
                if (ContainsObject(type)) WriteUnindexedObject(writer);
                else WriteType(writer, ElasticsearchFieldType.Keyword);
                return;
            default:
                // A user-defined type: an object whose fields Elasticsearch maps as documents bring them.
                WriteType(writer, ElasticsearchFieldType.Object);
                writer.WriteBoolean("dynamic", true);
                return;
        }
    }

    private static void WriteType(Utf8JsonWriter writer, ElasticsearchFieldType type) => writer.WriteString("type", type.Name);

    /// <summary>An object kept in <c>_source</c> and not indexed.</summary>
    private static void WriteUnindexedObject(Utf8JsonWriter writer)
    {
        WriteType(writer, ElasticsearchFieldType.Object);
        writer.WriteBoolean("enabled", false);
    }

    /// <summary>A map or user-defined type in <paramref name="type"/> or its parts: JSON objects a keyword cannot hold.</summary>
    private static bool ContainsObject(CqlType type)
    {
        if (type.Code is CqlTypeCode.Map or CqlTypeCode.Udt) return true;
        foreach (var parameter in type.Parameters)
            if (ContainsObject(parameter)) return true;
        return false;
    }
}
