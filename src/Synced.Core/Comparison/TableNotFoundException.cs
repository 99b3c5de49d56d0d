using System;
using System.Collections.Generic;

namespace Synced.Core.Comparison;

/// <summary>A table pattern the user gave matches no table on either side (a typo must not pass as "nothing differs").</summary>
public sealed class TableNotFoundException : Exception
{
    /// <summary>Creates the exception for the patterns that matched nothing.</summary>
    public TableNotFoundException(IReadOnlyList<string> patterns, IReadOnlyList<string> existing)
        : base($"-Table {string.Join(", ", patterns)} matches no table in Cassandra or Elasticsearch; the tables there are: " +
               (existing.Count == 0 ? "none" : string.Join(", ", existing)) + ". Check the name or leave -Table out to take every table.")
    {
        Patterns = patterns;
        Existing = existing;
    }

    /// <summary>The patterns that matched nothing.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The table names that exist (both sides).</summary>
    public IReadOnlyList<string> Existing { get; }
}
