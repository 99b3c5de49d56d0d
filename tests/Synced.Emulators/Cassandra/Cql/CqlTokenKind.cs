namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Lexical classes of CQL text.</summary>
internal enum CqlTokenKind
{
    End,
    Identifier,
    QuotedIdentifier,
    String,
    Integer,
    Float,
    Uuid,
    Hex,
    Duration,
    Symbol,
    QuestionMark,
    NamedMarker,
}
