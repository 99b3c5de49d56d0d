namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>USING TIMESTAMP t AND TTL s</c>.</summary>
internal sealed class UsingClause
{
    public Term? Timestamp { get; set; }
    public Term? Ttl { get; set; }
}
