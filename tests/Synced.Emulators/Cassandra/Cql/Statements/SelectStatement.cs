using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

internal sealed class SelectStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public bool Distinct { get; set; }
    public bool Json { get; set; }
    /// <summary>Null for <c>*</c>.</summary>
    public List<Selector>? Selectors { get; set; }
    public List<Relation> Where { get; } = new();
    public List<KeyValuePair<string, bool>> OrderBy { get; } = new();
    public Term? Limit { get; set; }
    public Term? PerPartitionLimit { get; set; }
    public bool AllowFiltering { get; set; }
}
