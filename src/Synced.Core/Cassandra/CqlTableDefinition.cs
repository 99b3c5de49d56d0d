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
/// <c>CLUSTERING ORDER BY (tmstmp DESC)</c>. A source column that has a CQL type (a Cassandra source) keeps it,
/// unless it holds a user-defined or custom type. A dense_vector with its dims becomes vector&lt;float, dims&gt; (Cassandra 5.0+). Any
/// other field type (geo_point, a dense_vector without dims, ...) has no CQL equivalent and is reported.
/// </remarks>
internal static class CqlTableDefinition
{
    private static readonly Dictionary<ElasticsearchFieldType, CqlType> FieldTypes = new()
    {
        [ElasticsearchFieldType.Keyword] = CqlType.Text,
        [ElasticsearchFieldType.Text] = CqlType.Text,
        [ElasticsearchFieldType.MatchOnlyText] = CqlType.Text,
        [ElasticsearchFieldType.Wildcard] = CqlType.Text,
        [ElasticsearchFieldType.ConstantKeyword] = CqlType.Text,
        [ElasticsearchFieldType.Long] = CqlType.Bigint,
        [ElasticsearchFieldType.Integer] = CqlType.Int,
        [ElasticsearchFieldType.Short] = CqlType.Smallint,
        [ElasticsearchFieldType.Byte] = CqlType.Tinyint,
        [ElasticsearchFieldType.UnsignedLong] = CqlType.Varint,
        [ElasticsearchFieldType.Double] = CqlType.Double,
        [ElasticsearchFieldType.ScaledFloat] = CqlType.Double,
        [ElasticsearchFieldType.Float] = CqlType.Float,
        [ElasticsearchFieldType.HalfFloat] = CqlType.Float,
        [ElasticsearchFieldType.Boolean] = CqlType.Boolean,
        [ElasticsearchFieldType.Date] = CqlType.Timestamp,
        [ElasticsearchFieldType.DateNanos] = CqlType.Timestamp,
        [ElasticsearchFieldType.Binary] = CqlType.Blob,
        [ElasticsearchFieldType.Ip] = CqlType.Inet,
        [ElasticsearchFieldType.Object] = CqlType.Text,
        [ElasticsearchFieldType.Nested] = CqlType.Text,
        [ElasticsearchFieldType.Flattened] = CqlType.Text,
    };

    /// <summary>The CQL type for a source column; null when there is none.</summary>
    public static CqlType? CqlTypeFor(ColumnInfo column)
    {
        // A Cassandra source already speaks CQL, but its user-defined types would have to exist here (custom types
        // are refused by the contract anyway).
        if (column.CqlType is { } cql) return HasUdtOrCustom(cql) ? null : cql;
        // A dense_vector of n floats is Cassandra 5.0's vector<float, n> (a cluster before 5.0 refuses the type).
        if (column.FieldType!.Name == ElasticsearchFieldType.DenseVector.Name && column.FieldType.Dimensions is { } dimensions)
            return CqlType.Vector(CqlType.Float, dimensions);
        return FieldTypes.TryGetValue(column.FieldType, out var mapped) ? mapped : null;
    }

    private static bool HasUdtOrCustom(CqlType type)
    {
        if (type.Code is CqlTypeCode.Udt or CqlTypeCode.Custom) return true;
        foreach (var parameter in type.Parameters)
            if (HasUdtOrCustom(parameter)) return true;
        return false;
    }

    /// <summary>The CREATE TABLE statement; throws <see cref="NotSupportedException"/> naming every field without a CQL type.</summary>
    public static string BuildCreateTable(string keyspace, string table, TableInfo source)
    {
        var columns = new List<string>();
        var unsupported = new List<string>();
        foreach (var column in source.Columns)
        {
            if (DataContract.IsContractName(column.Name)) continue;
            var type = CqlTypeFor(column);
            if (type is null) unsupported.Add($"{column.Name} ({column.TypeName})");
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
