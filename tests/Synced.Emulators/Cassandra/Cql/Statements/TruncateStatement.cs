namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>TRUNCATE [TABLE] name</c>.</summary>
internal sealed class TruncateStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
}
