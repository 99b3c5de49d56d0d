using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>{field: value, ...}</c> with identifier keys: a user-defined type value.</summary>
internal sealed class UdtTerm : Term
{
    public UdtTerm(List<KeyValuePair<string, Term>> fields) { Fields = fields; }
    public List<KeyValuePair<string, Term>> Fields { get; }
}
