using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>CREATE KEYSPACE [IF NOT EXISTS] name WITH ...</c>.</summary>
internal sealed class CreateKeyspaceStatement : CqlStatement
{
    public string Name { get; set; } = "";
    public bool IfNotExists { get; set; }
    public Dictionary<string, object> Properties { get; } = new();
}
