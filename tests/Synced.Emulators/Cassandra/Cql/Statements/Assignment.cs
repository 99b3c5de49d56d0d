namespace Synced.Emulators.Cassandra.Cql;

internal sealed class Assignment
{
    public string Column { get; set; } = "";
    public AssignmentKind Kind { get; set; }
    public Term Value { get; set; } = null!;
    /// <summary>Map key or list index for <c>col[x] = v</c>.</summary>
    public Term? Element { get; set; }
    public string? Field { get; set; }
}
