using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A parsed CQL statement; <see cref="MarkerCount"/> bind markers appear in it.</summary>
internal abstract class CqlStatement
{
    public int MarkerCount { get; set; }
    /// <summary>Names of the markers by index (null for <c>?</c>).</summary>
    public List<string?> MarkerNames { get; } = new();
    /// <summary>The statement's CQL text, as parsed.</summary>
    public string Text { get; set; } = "";
}
