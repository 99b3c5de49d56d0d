using Synced.Cql;

namespace Synced.Core.Cassandra;

/// <summary>
/// The prepared statements of one table's scan: through the SAI index on tmstmp (null when the table has none, or
/// the cluster refused it), and with ALLOW FILTERING (null only when the guardrail refuses it and the index serves).
/// </summary>
internal sealed class ScanStatements
{
    public ScanStatements(PreparedStatement? throughIndex, string? indexName, PreparedStatement? filtering)
    {
        ThroughIndex = throughIndex;
        IndexName = indexName;
        Filtering = filtering;
    }

    /// <summary><c>token(id) &gt; ? AND token(id) &lt;= ? AND tmstmp &gt;= ? AND tmstmp &lt; ?</c>, served by the index; null without one.</summary>
    public PreparedStatement? ThroughIndex { get; }

    /// <summary>The index <see cref="ThroughIndex"/> reads through.</summary>
    public string? IndexName { get; }

    /// <summary>The same restrictions with ALLOW FILTERING: the scan without the index, and its fallback.</summary>
    public PreparedStatement? Filtering { get; }
}
