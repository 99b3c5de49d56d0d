using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Synced.Core.Model;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// The CREATE TABLE for a table Cassandra lacks, from the source's columns (Elasticsearch field types):
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Elasticsearch</term><description>CQL</description></listheader>
/// <item><term>keyword, text, match_only_text, wildcard, constant_keyword</term><description>text</description></item>
/// <item><term>long / integer / short / byte</term><description>bigint / int / smallint / tinyint</description></item>
/// <item><term>unsigned_long</term><description>varint (it exceeds a bigint)</description></item>
/// <item><term>double, scaled_float / float, half_float</term><description>double / float</description></item>
/// <item><term>boolean</term><description>boolean</description></item>
/// <item><term>date, date_nanos</term><description>timestamp (milliseconds: date_nanos loses its finer digits)</description></item>
/// <item><term>binary</term><description>blob</description></item>
/// <item><term>ip</term><description>inet</description></item>
/// <item><term>object, nested, flattened</term><description>text holding the value's JSON: an object mapping is dynamic and
/// says nothing reliable about the types inside, so its exact JSON is kept rather than guessed at</description></item>
/// </list>
/// <c>id</c> is always <c>uuid</c> and <c>tmstmp</c> <c>timeuuid</c>, with <c>PRIMARY KEY (id, tmstmp)</c> and
/// <c>CLUSTERING ORDER BY (tmstmp DESC)</c>. A source column that is already CQL type text (a Cassandra source)
/// keeps its type. Any other field type (geo_point, dense_vector, ...) has no CQL equivalent and is reported.
/// </remarks>
internal static class CqlTableDefinition
{
    private static readonly Dictionary<string, string> FieldTypes = new(StringComparer.Ordinal)
    {
        ["keyword"] = "text",
        ["text"] = "text",
        ["match_only_text"] = "text",
        ["wildcard"] = "text",
        ["constant_keyword"] = "text",
        ["long"] = "bigint",
        ["integer"] = "int",
        ["short"] = "smallint",
        ["byte"] = "tinyint",
        ["unsigned_long"] = "varint",
        ["double"] = "double",
        ["scaled_float"] = "double",
        ["float"] = "float",
        ["half_float"] = "float",
        ["boolean"] = "boolean",
        ["date"] = "timestamp",
        ["date_nanos"] = "timestamp",
        ["binary"] = "blob",
        ["ip"] = "inet",
        ["object"] = "text",
        ["nested"] = "text",
        ["flattened"] = "text",
    };

    /// <summary>The CQL type for a source column's type; null when there is none.</summary>
    public static string? CqlTypeFor(string sourceType)
    {
        if (FieldTypes.TryGetValue(sourceType, out var cql)) return cql;
        try
        {
            // A Cassandra source already speaks CQL (user-defined types excepted: they would have to exist here).
            var parsed = CqlType.Parse(sourceType);
            return parsed.Code == CqlTypeCode.Udt || parsed.Code == CqlTypeCode.Custom ? null : parsed.ToString();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The CREATE TABLE statement; throws <see cref="NotSupportedException"/> naming every field without a CQL type.</summary>
    public static string BuildCreateTable(string keyspace, string table, TableInfo source)
    {
        var columns = new List<string>();
        var unsupported = new List<string>();
        foreach (var column in source.Columns)
        {
            if (DataContract.IsContractName(column.Name)) continue;
            var type = CqlTypeFor(column.Type);
            if (type is null) unsupported.Add($"{column.Name} ({column.Type})");
            else columns.Add($"{CqlIdentifier.Quote(column.Name)} {type}");
        }
        if (unsupported.Count > 0)
            throw new NotSupportedException(
                $"cannot create {keyspace}.{table} from {source.Location}: no CQL type holds the field type of {string.Join(", ", unsupported)}; create the table by hand or exclude it");

        var builder = new StringBuilder();
        const string id = DataContract.IdName, tmstmp = DataContract.TmstmpName;
        builder.Append("CREATE TABLE IF NOT EXISTS ").Append(CqlIdentifier.Quote(keyspace)).Append('.').Append(CqlIdentifier.Quote(table))
            .Append(" (").Append(id).Append(' ').Append(DataContract.IdCqlType).Append(", ")
            .Append(tmstmp).Append(' ').Append(DataContract.TmstmpCqlType).Append(", ");
        foreach (var column in columns.OrderBy(c => c, StringComparer.Ordinal)) builder.Append(column).Append(", ");
        builder.Append("PRIMARY KEY (").Append(id).Append(", ").Append(tmstmp)
            .Append(")) WITH CLUSTERING ORDER BY (").Append(tmstmp).Append(" DESC)");
        return builder.ToString();
    }
}
