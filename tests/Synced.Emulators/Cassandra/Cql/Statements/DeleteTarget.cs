namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A column (or one element of a collection column) a DELETE removes.</summary>
internal sealed class DeleteTarget
{
    public string Column { get; set; } = "";
    public Term? Element { get; set; }
}
