using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>[a, b, ...]</c>.</summary>
internal sealed class ListTerm : Term
{
    public ListTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}
