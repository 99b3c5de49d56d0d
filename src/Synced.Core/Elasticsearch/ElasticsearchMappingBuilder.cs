using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Synced.Core.Model;

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
    public static void WriteFieldMapping(Utf8JsonWriter writer, CqlTypeExpression cqlType, bool flattenedMaps = true)
    {
        writer.WriteStartObject();
        WriteFieldMappingBody(writer, cqlType, flattenedMaps, column: true);
        writer.WriteEndObject();
    }

    /// <summary>The mapping of one field as JSON text (for tests and documentation).</summary>
    public static string FieldMappingJson(string cqlType, bool flattenedMaps = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteFieldMapping(writer, CqlTypeExpression.Parse(cqlType), flattenedMaps);
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
            writer.WriteString("type", "keyword");
            writer.WriteEndObject();
            writer.WriteStartObject(DataContract.TmstmpName);
            writer.WriteString("type", "date");
            writer.WriteString("format", DataContract.TmstmpDateFormat);
            writer.WriteEndObject();
            if (discriminatorField is not null)
            {
                writer.WriteStartObject(discriminatorField);
                writer.WriteString("type", "keyword");
                writer.WriteEndObject();
            }
            foreach (var column in sourceTable.Columns)
            {
                if (DataContract.IsContractName(column.Name) || column.Name == discriminatorField) continue;
                CqlTypeExpression type;
                try
                {
                    type = CqlTypeExpression.Parse(column.Type);
                }
                catch (FormatException ex)
                {
                    throw new NotSupportedException($"cannot derive an Elasticsearch mapping for column {sourceTable.Name}.{column.Name}: {ex.Message}", ex);
                }
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

    private static void WriteFieldMappingBody(Utf8JsonWriter writer, CqlTypeExpression type, bool flattenedMaps, bool column = false)
    {
        if (type.IsVector)
        {
            // A dense_vector field holds one vector: only a column's own vector<float, n> is one.
            if (column && type.Arguments[0].Name == "float" && type.Dimensions <= MaxDenseVectorDims)
            {
                writer.WriteString("type", "dense_vector");
                writer.WriteNumber("dims", type.Dimensions);
            }
            else WriteFieldMappingBody(writer, type.Arguments[0], flattenedMaps);
            return;
        }
        if (type.IsCustom)
        {
            writer.WriteString("type", "keyword");
            return;
        }
        switch (type.Name)
        {
            case "uuid":
            case "timeuuid":
            case "varint":
            case "decimal":
            case "time":
            case "duration":
                writer.WriteString("type", "keyword");
                return;
            case "text":
            case "varchar":
            case "ascii":
                writer.WriteString("type", "text");
                writer.WriteStartObject("fields");
                writer.WriteStartObject("keyword");
                writer.WriteString("type", "keyword");
                writer.WriteNumber("ignore_above", 256);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            case "tinyint":
            case "smallint":
            case "int":
            case "bigint":
            case "counter":
                writer.WriteString("type", "long");
                return;
            case "float":
                writer.WriteString("type", "float");
                return;
            case "double":
                writer.WriteString("type", "double");
                return;
            case "boolean":
                writer.WriteString("type", "boolean");
                return;
            case "timestamp":
            case "date":
                writer.WriteString("type", "date");
                writer.WriteString("format", DataContract.TmstmpDateFormat);
                return;
            case "blob":
                writer.WriteString("type", "binary");
                return;
            case "inet":
                writer.WriteString("type", "ip");
                return;
            case "list":
            case "set":
                WriteFieldMappingBody(writer, type.Arguments[0], flattenedMaps);
                return;
            case "map":
                // Keys are data, not a schema: as an object each distinct key would become a field of the index, and
                // a few thousand keys exceed index.mapping.total_fields.limit (1000), failing every later write.
                // flattened is one field whatever the keys (leaf values indexed as keywords); before 7.3 the map is
                // kept in _source only. Either way the document keeps the map as it is.
                if (flattenedMaps) writer.WriteString("type", "flattened");
                else
                {
                    writer.WriteString("type", "object");
                    writer.WriteBoolean("enabled", false);
                }
                return;
            case "tuple":
                if (ContainsObject(type))
                {
                    writer.WriteString("type", "object");
                    writer.WriteBoolean("enabled", false);
                }
                else writer.WriteString("type", "keyword");
                return;
            default:
                // A user-defined type: its fields are not known from the column type alone.
                writer.WriteString("type", "object");
                writer.WriteBoolean("dynamic", true);
                return;
        }
    }

    private static bool ContainsObject(CqlTypeExpression type)
    {
        if (type.Name == "map" || type.IsUserDefined) return true;
        foreach (var argument in type.Arguments)
            if (ContainsObject(argument)) return true;
        return false;
    }
}
