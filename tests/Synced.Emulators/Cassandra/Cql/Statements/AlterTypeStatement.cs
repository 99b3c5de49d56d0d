using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>ALTER TYPE name ADD field type</c>.</summary>
internal sealed class AlterTypeStatement : CqlStatement
{
    public QualifiedName Type { get; set; } = null!;
    public List<KeyValuePair<string, RawType>> Added { get; } = new();
}
