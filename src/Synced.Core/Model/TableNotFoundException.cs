using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Core.Model;

/// <summary>A table pattern of the selection matches no table on either side: a typo must not pass for a run with nothing to do.</summary>
public sealed class TableNotFoundException : Exception
{
    /// <summary>Creates the error.</summary>
    public TableNotFoundException(IReadOnlyList<string> patterns, IReadOnlyList<string> existingTables)
        : base($"The table {(patterns.Count == 1 ? "pattern" : "patterns")} {string.Join(", ", patterns.Select(p => $"'{p}'"))} {(patterns.Count == 1 ? "matches" : "match")} no table of Cassandra or Elasticsearch. "
            + (existingTables.Count == 0 ? "Neither side holds any table." : $"The tables there are: {string.Join(", ", existingTables)}."))
    {
        Patterns = patterns;
        ExistingTables = existingTables;
    }

    /// <summary>The patterns that matched nothing.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The tables both sides hold (names, sorted).</summary>
    public IReadOnlyList<string> ExistingTables { get; }
}
