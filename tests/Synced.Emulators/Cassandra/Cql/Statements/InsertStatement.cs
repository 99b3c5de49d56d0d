using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary><c>INSERT INTO table (columns) VALUES (terms) [IF NOT EXISTS] [USING ...]</c>.</summary>
internal sealed class InsertStatement : ModificationStatement
{
    public List<string> Columns { get; } = new();
    public List<Term> Values { get; } = new();
    public Term? Json { get; set; }
}
