namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>(type) term</c>.</summary>
internal sealed class CastTerm : Term
{
    public CastTerm(RawType type, Term inner) { Type = type; Inner = inner; }
    public RawType Type { get; }
    public Term Inner { get; }
}
