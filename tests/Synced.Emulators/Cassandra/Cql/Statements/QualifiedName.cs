namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A possibly keyspace-qualified table or type name.</summary>
internal sealed class QualifiedName
{
    public QualifiedName(string? keyspace, string name) { Keyspace = keyspace; Name = name; }
    public string? Keyspace { get; }
    public string Name { get; }
    public override string ToString() => Keyspace is null ? Name : Keyspace + "." + Name;
}
