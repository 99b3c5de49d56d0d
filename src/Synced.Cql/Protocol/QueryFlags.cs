using System;

namespace Synced.Cql.Protocol;

/// <summary>The v4 [byte] flags of QUERY/EXECUTE parameters and of BATCH (v4 section 4.1.4).</summary>
[Flags]
internal enum QueryFlags : byte
{
    None = 0x00,
    Values = 0x01,
    SkipMetadata = 0x02,
    PageSize = 0x04,
    WithPagingState = 0x08,
    WithSerialConsistency = 0x10,
    WithDefaultTimestamp = 0x20,
    WithNamesForValues = 0x40,
}
