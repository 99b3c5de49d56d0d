using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Cql.Metadata;

/// <summary>
/// Whether the live nodes report one schema version (system.local and system.peers, as the control node sees
/// them), after waiting for it.
/// </summary>
public sealed class SchemaAgreement
{
    internal SchemaAgreement(bool isReached, IReadOnlyDictionary<string, Guid?> versions, TimeSpan waited)
    {
        IsReached = isReached;
        Versions = versions;
        Waited = waited;
    }

    /// <summary>True when every live node reported the same schema version.</summary>
    public bool IsReached { get; }

    /// <summary>The schema version each live node reported (host:port), when last asked; null where a node gave none.</summary>
    public IReadOnlyDictionary<string, Guid?> Versions { get; }

    /// <summary>How long the wait took.</summary>
    public TimeSpan Waited { get; }

    /// <summary>The versions, grouped: <c>version: host, host; version: host</c>.</summary>
    public override string ToString()
        => string.Join("; ", Versions.GroupBy(v => v.Value).OrderByDescending(g => g.Count())
            .Select(g => $"{(g.Key?.ToString() ?? "none")}: {string.Join(", ", g.Select(v => v.Key).OrderBy(h => h, StringComparer.Ordinal))}"));
}
