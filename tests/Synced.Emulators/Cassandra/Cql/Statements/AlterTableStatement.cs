using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>What an ALTER TABLE does.</summary>
internal enum AlterTableKind { Add, Drop, With }

/// <summary><c>ALTER TABLE name ADD columns | DROP columns | WITH options</c>.</summary>
internal sealed class AlterTableStatement : CqlStatement
{
    public QualifiedName Table { get; set; } = null!;
    public AlterTableKind Kind { get; set; }
    public List<ColumnDefinition> Added { get; } = new();
    public List<string> Dropped { get; } = new();
    public Dictionary<string, object> Properties { get; } = new();
}
