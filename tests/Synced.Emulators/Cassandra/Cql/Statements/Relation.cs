using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>col op term</c>, <c>token(a, b) op term</c>, or <c>col IN (..)</c> / <c>col IN ?</c>.</summary>
internal sealed class Relation
{
    public List<string> Columns { get; } = new();
    public bool IsToken { get; set; }
    public RelationOperator Operator { get; set; }
    public Term? Value { get; set; }
    /// <summary>IN (a, b, c); null when IN is followed by a single marker.</summary>
    public List<Term>? InValues { get; set; }
}
