using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>BEGIN [UNLOGGED|COUNTER] BATCH ... APPLY BATCH</c>.</summary>
internal sealed class BatchStatement : CqlStatement
{
    public BatchKind Kind { get; set; }
    public UsingClause Using { get; } = new();
    public List<ModificationStatement> Statements { get; } = new();
}
