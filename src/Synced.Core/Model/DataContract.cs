using Synced.Cql.Types;

namespace Synced.Core.Model;

/// <summary>
/// The data contract every table and index that takes part meets (docs/design.md §3): its two contract fields, their
/// names and their types on each side. Every part of Synced that names or checks them takes them from here.
/// </summary>
public static class DataContract
{
    /// <summary>The entry's id, a version 4 UUID: the Cassandra partition key, the Elasticsearch document's <c>_id</c>.</summary>
    public const string IdName = "id";

    /// <summary>The time of the entry's last change: the Cassandra clustering column (newest first).</summary>
    public const string TmstmpName = "tmstmp";

    /// <summary>
    /// The date format of the Elasticsearch <c>tmstmp</c> field: ISO 8601 or epoch milliseconds. Synced reads every
    /// stored date as Elasticsearch reads it in this format, and maps every date field it creates with it.
    /// </summary>
    public const string TmstmpDateFormat = "strict_date_optional_time||epoch_millis";

    /// <summary>The CQL type of <c>id</c>: <c>uuid</c>.</summary>
    public static CqlType IdCqlType => CqlType.Uuid;

    /// <summary>The CQL type of <c>tmstmp</c>: <c>timeuuid</c>.</summary>
    public static CqlType TmstmpCqlType => CqlType.Timeuuid;

    /// <summary>The Elasticsearch field type of <c>id</c>: <c>keyword</c> (a <c>text</c> field with a keyword subfield is accepted too).</summary>
    public static ElasticsearchFieldType IdFieldType => ElasticsearchFieldType.Keyword;

    /// <summary>The Elasticsearch field type of <c>tmstmp</c>: <c>date</c>, in the format <see cref="TmstmpDateFormat"/>.</summary>
    public static ElasticsearchFieldType TmstmpFieldType => ElasticsearchFieldType.Date;

    /// <summary>True for the name of a contract field (<c>id</c>, <c>tmstmp</c>), which no other column or field may take.</summary>
    public static bool IsContractName(string name) => name is IdName or TmstmpName;
}
