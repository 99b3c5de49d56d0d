namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>DROP KEYSPACE|TABLE|TYPE|INDEX [IF EXISTS] name</c>.</summary>
internal sealed class DropStatement : CqlStatement
{
    public DropKind Kind { get; set; }
    public QualifiedName Name { get; set; } = null!;
    public bool IfExists { get; set; }
}
