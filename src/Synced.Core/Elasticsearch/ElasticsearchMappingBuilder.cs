using System;
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
/// <item><term>map&lt;K, V&gt;</term><description>object, dynamic; not indexed (enabled: false) when V holds a tuple</description></item>
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
    /// <summary>The date format of every date field: ISO 8601 or epoch milliseconds.</summary>
    public const string DateFormat = "strict_date_optional_time||epoch_millis";

    /// <summary>Writes the mapping object of one field of CQL type <paramref name="cqlType"/>.</summary>
    public static void WriteFieldMapping(Utf8JsonWriter writer, CqlTypeExpression cqlType)
    {
        writer.WriteStartObject();
        WriteFieldMappingBody(writer, cqlType, column: true);
        writer.WriteEndObject();
    }

    /// <summary>The mapping of one field as JSON text (for tests and documentation).</summary>
    public static string FieldMappingJson(string cqlType)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteFieldMapping(writer, CqlTypeExpression.Parse(cqlType));
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The body of <c>PUT /&lt;index&gt;</c> (<paramref name="wrapInMappings"/>) or of <c>PUT /&lt;index&gt;/_mapping</c>
    /// for a source table: contract fields, discriminator (when given), every column, and <c>_meta</c> naming the
    /// table(s) so listing keeps the source's spelling.
    /// </summary>
    public static byte[] BuildMapping(TableInfo sourceTable, string? discriminatorField, string[] metaTables, bool wrapInMappings)
    {
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
            writer.WriteStartObject(ContractCheck.IdField);
            writer.WriteString("type", "keyword");
            writer.WriteEndObject();
            writer.WriteStartObject(ContractCheck.TmstmpField);
            writer.WriteString("type", "date");
            writer.WriteString("format", DateFormat);
            writer.WriteEndObject();
            if (discriminatorField is not null)
            {
                writer.WriteStartObject(discriminatorField);
                writer.WriteString("type", "keyword");
                writer.WriteEndObject();
            }
            foreach (var column in sourceTable.Columns)
            {
                if (column.Name == ContractCheck.IdField || column.Name == ContractCheck.TmstmpField || column.Name == discriminatorField) continue;
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
                WriteFieldMapping(writer, type);
            }
            writer.WriteEndObject();
            if (wrapInMappings) writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>The largest dense_vector every supported Elasticsearch version accepts (7.x: 2048 dims).</summary>
    public const int MaxDenseVectorDims = 2048;

    private static void WriteFieldMappingBody(Utf8JsonWriter writer, CqlTypeExpression type, bool column = false)
    {
        if (type.IsVector)
        {
            // A dense_vector field holds one vector: only a column's own vector<float, n> is one.
            if (column && type.Arguments[0].Name == "float" && type.Dimensions <= MaxDenseVectorDims)
            {
                writer.WriteString("type", "dense_vector");
                writer.WriteNumber("dims", type.Dimensions);
            }
            else WriteFieldMappingBody(writer, type.Arguments[0]);
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
                writer.WriteString("format", DateFormat);
                return;
            case "blob":
                writer.WriteString("type", "binary");
                return;
            case "inet":
                writer.WriteString("type", "ip");
                return;
            case "list":
            case "set":
                WriteFieldMappingBody(writer, type.Arguments[0]);
                return;
            case "map":
                writer.WriteString("type", "object");
                if (ContainsTuple(type.Arguments[1])) writer.WriteBoolean("enabled", false);
                else writer.WriteBoolean("dynamic", true);
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

    private static bool ContainsTuple(CqlTypeExpression type)
    {
        if (type.IsTuple) return true;
        foreach (var argument in type.Arguments)
            if (ContainsTuple(argument)) return true;
        return false;
    }

    private static bool ContainsObject(CqlTypeExpression type)
    {
        if (type.Name == "map" || type.IsUserDefined) return true;
        foreach (var argument in type.Arguments)
            if (ContainsObject(argument)) return true;
        return false;
    }
}
