namespace Synced.Emulators.Cassandra.Cql;

/// <summary>One column of a CREATE TABLE: name, type as written, STATIC.</summary>
internal sealed class ColumnDefinition
{
    public string Name { get; set; } = "";
    public RawType Type { get; set; } = null!;
    public bool Static { get; set; }
}
