namespace Synced.Core.Elasticsearch;

/// <summary>How Cassandra tables map to Elasticsearch indices (docs/design.md §3, tables ↔ types).</summary>
public enum IndexLayout
{
    /// <summary>Table <c>T</c> lives in index <c>&lt;index&gt;-&lt;t&gt;</c> (lower case); the alias <c>&lt;index&gt;</c> spans them all.</summary>
    PerTable,

    /// <summary>Every table lives in index <c>&lt;index&gt;</c>; a keyword discriminator field names the table and <c>_id</c> is <c>&lt;table&gt;:&lt;id&gt;</c>.</summary>
    SingleIndex,
}
