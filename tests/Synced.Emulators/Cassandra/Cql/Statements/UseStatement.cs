namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>USE keyspace</c>.</summary>
internal sealed class UseStatement : CqlStatement
{
    public UseStatement(string keyspace) { Keyspace = keyspace; }
    public string Keyspace { get; }
}
