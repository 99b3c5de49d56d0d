using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>{a, b}</c>; also <c>{}</c>, which is a set or a map depending on the receiver.</summary>
internal sealed class SetTerm : Term
{
    public SetTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}
