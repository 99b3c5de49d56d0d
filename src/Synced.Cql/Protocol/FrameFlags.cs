using System;

namespace Synced.Cql.Protocol;

/// <summary>Header flags of a frame (v4 section 2.2).</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0x00,
    /// <summary>The body is compressed (not used by this client; a frame carrying it is rejected).</summary>
    Compression = 0x01,
    /// <summary>Request: trace this query. Response: the body starts with a tracing session [uuid].</summary>
    Tracing = 0x02,
    /// <summary>The body starts (after any tracing id) with a [bytes map] custom payload.</summary>
    CustomPayload = 0x04,
    /// <summary>Response: the body starts (after tracing id) with a [string list] of warnings.</summary>
    Warning = 0x08,
    /// <summary>v5 beta flag; never set by this client.</summary>
    UseBeta = 0x10,
}
