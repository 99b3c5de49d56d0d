namespace Synced.Emulators.Cassandra.Cql;

/// <summary>Lexical kinds of constants.</summary>
internal enum LiteralKind
{
    String,
    Integer,
    Float,
    Boolean,
    Uuid,
    Hex,
    Duration,
    Null,
    /// <summary>NaN, Infinity, -Infinity.</summary>
    SpecialFloat,
}
