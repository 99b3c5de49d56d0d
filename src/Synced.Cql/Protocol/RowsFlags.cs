using System;

namespace Synced.Cql.Protocol;

/// <summary>Flags of the metadata of a Rows result and of a Prepared result's metadata (v4 section 4.2.5.2).</summary>
[Flags]
internal enum RowsFlags
{
    None = 0x0000,
    /// <summary>All columns share one keyspace and table, written once.</summary>
    GlobalTablesSpec = 0x0001,
    /// <summary>A [bytes] paging state follows: there are more pages.</summary>
    HasMorePages = 0x0002,
    /// <summary>No column specifications follow (the client asked to skip them).</summary>
    NoMetadata = 0x0004,
}
