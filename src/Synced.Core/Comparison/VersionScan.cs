using System;
using System.Collections.Generic;
using Synced.Cql.Tokens;

namespace Synced.Core.Comparison;

/// <summary>Which ids a version scan reads (<see cref="Stores.ISyncStore.ReadVersionsAsync"/>).</summary>
public sealed class VersionScan
{
    /// <summary>Every id of the table.</summary>
    public static VersionScan All { get; } = new();

    /// <summary>
    /// A hint: ids whose newest version is older than this may be left out (a store that cannot filter returns them
    /// too). Null: no lower bound. Never an upper bound: the newest version decides, so versions after it count.
    /// </summary>
    public DateTime? NotBefore { get; set; }

    /// <summary>
    /// Only ids whose Murmur3 token (the token Cassandra computes for a uuid partition key) lies in one of these
    /// non-wrapping ranges, sorted and disjoint; null for every id. A store that cannot select by token reads
    /// everything and drops the others.
    /// </summary>
    public IReadOnlyList<TokenRange>? Tokens { get; set; }
}
