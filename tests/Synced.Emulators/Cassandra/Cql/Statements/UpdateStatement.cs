using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>UPDATE table [USING ...] SET assignments WHERE ... [IF ...]</c>.</summary>
internal sealed class UpdateStatement : ModificationStatement
{
    public List<Assignment> Assignments { get; } = new();
    public List<Relation> Where { get; } = new();
}
