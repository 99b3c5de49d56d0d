using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>DELETE [columns] FROM table [USING TIMESTAMP] WHERE ... [IF ...]</c>.</summary>
internal sealed class DeleteStatement : ModificationStatement
{
    public List<DeleteTarget> Targets { get; } = new();
    public List<Relation> Where { get; } = new();
}
