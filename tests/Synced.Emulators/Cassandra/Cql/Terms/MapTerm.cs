using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>{k: v, ...}</c> with term keys.</summary>
internal sealed class MapTerm : Term
{
    public MapTerm(List<KeyValuePair<Term, Term>> entries) { Entries = entries; }
    public List<KeyValuePair<Term, Term>> Entries { get; }
}
