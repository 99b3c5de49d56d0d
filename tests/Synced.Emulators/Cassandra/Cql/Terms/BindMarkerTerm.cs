namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A <c>?</c> or <c>:name</c> marker; <see cref="Index"/> is its position among the statement's markers.</summary>
internal sealed class BindMarkerTerm : Term
{
    public BindMarkerTerm(int index, string? name) { Index = index; Name = name; }
    public int Index { get; }
    public string? Name { get; }
    public override string ToString() => Name is null ? "?" : ":" + Name;
}
