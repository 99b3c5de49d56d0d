using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

internal sealed class FunctionTerm : Term
{
    public FunctionTerm(string name, List<Term> args) { Name = name; Args = args; }
    /// <summary>Lower-case function name without the <c>system.</c> prefix.</summary>
    public string Name { get; }
    public List<Term> Args { get; }
}
