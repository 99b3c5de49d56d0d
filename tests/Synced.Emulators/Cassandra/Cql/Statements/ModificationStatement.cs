using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>What INSERT, UPDATE and DELETE share: target table, USING clause, IF conditions.</summary>
internal abstract class ModificationStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public UsingClause Using { get; } = new();
    public bool IfNotExists { get; set; }
    public bool IfExists { get; set; }
    public List<Relation> Conditions { get; } = new();
}
