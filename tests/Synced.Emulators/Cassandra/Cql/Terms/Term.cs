namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A value expression in CQL text: a literal, a bind marker, a collection, a function call.</summary>
internal abstract class Term
{
}
