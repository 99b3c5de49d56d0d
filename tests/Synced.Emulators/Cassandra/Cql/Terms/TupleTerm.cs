using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>(a, b, ...)</c>.</summary>
internal sealed class TupleTerm : Term
{
    public TupleTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}
