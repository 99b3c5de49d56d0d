using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>CREATE TYPE [IF NOT EXISTS] name (field type, ...)</c>.</summary>
internal sealed class CreateTypeStatement : CqlStatement
{
    public QualifiedName Type { get; set; } = null!;
    public bool IfNotExists { get; set; }
    public List<KeyValuePair<string, RawType>> Fields { get; } = new();
}
