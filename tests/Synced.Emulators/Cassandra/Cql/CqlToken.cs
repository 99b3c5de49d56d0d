namespace Synced.Emulators.Cassandra.Cql;

/// <summary>One token of CQL text with its position (for syntax error messages).</summary>
internal readonly struct CqlToken
{
    public CqlToken(CqlTokenKind kind, string text, int position)
    {
        Kind = kind;
        Text = text;
        Position = position;
    }

    public CqlTokenKind Kind { get; }
    /// <summary>Identifier (as written), string contents (unescaped), literal text or symbol.</summary>
    public string Text { get; }
    public int Position { get; }

    public bool IsKeyword(string keyword) => Kind == CqlTokenKind.Identifier && string.Equals(Text, keyword, System.StringComparison.OrdinalIgnoreCase);
    public bool IsSymbol(string symbol) => Kind == CqlTokenKind.Symbol && Text == symbol;

    public override string ToString() => Kind switch
    {
        CqlTokenKind.End => "<EOF>",
        CqlTokenKind.String => "'" + Text + "'",
        CqlTokenKind.QuotedIdentifier => "\"" + Text + "\"",
        _ => Text,
    };
}
