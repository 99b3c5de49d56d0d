namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A constant as written (string contents unescaped); typed only when assigned to a receiver.</summary>
internal sealed class LiteralTerm : Term
{
    public LiteralTerm(LiteralKind kind, string text) { Kind = kind; Text = text; }
    public LiteralKind Kind { get; }
    public string Text { get; }
    public override string ToString() => Kind == LiteralKind.String ? "'" + Text.Replace("'", "''") + "'" : Text;
}
