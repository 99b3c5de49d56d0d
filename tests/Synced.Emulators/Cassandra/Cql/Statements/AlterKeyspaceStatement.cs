using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>ALTER KEYSPACE name WITH replication = {...} [AND durable_writes = ...]</c>.</summary>
internal sealed class AlterKeyspaceStatement : CqlStatement
{
    public string Name { get; set; } = "";
    public Dictionary<string, object> Properties { get; } = new();
}
