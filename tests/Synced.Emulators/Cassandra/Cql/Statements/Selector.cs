using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

internal sealed class Selector
{
    public SelectorKind Kind { get; set; }
    /// <summary>Column name, or lower-case function name.</summary>
    public string Name { get; set; } = "";
    public List<Selector> Args { get; } = new();
    public Term? Term { get; set; }
    public string? Alias { get; set; }
}
