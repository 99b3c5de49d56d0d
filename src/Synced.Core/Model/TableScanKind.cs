namespace Synced.Core.Model;

/// <summary>How a store reads the time range of a table.</summary>
public enum TableScanKind
{
    /// <summary>
    /// Through an index on tmstmp: the nodes read the entries of the range only, so a run costs about what
    /// changed since the last one.
    /// </summary>
    IndexOnTmstmp,

    /// <summary>
    /// Every row of the table is read on the nodes and those outside the range are dropped (Cassandra's ALLOW
    /// FILTERING): a run costs about the size of the table, however little changed.
    /// </summary>
    FullScan,
}
