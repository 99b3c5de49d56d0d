using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Cql;

/// <summary>A value expression in CQL text: a literal, a bind marker, a collection, a function call.</summary>
internal abstract class Term
{
}

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

internal sealed class LiteralTerm : Term
{
    public LiteralTerm(LiteralKind kind, string text) { Kind = kind; Text = text; }
    public LiteralKind Kind { get; }
    public string Text { get; }
    public override string ToString() => Kind == LiteralKind.String ? "'" + Text.Replace("'", "''") + "'" : Text;
}

/// <summary>A <c>?</c> or <c>:name</c> marker; <see cref="Index"/> is its position among the statement's markers.</summary>
internal sealed class BindMarkerTerm : Term
{
    public BindMarkerTerm(int index, string? name) { Index = index; Name = name; }
    public int Index { get; }
    public string? Name { get; }
    public override string ToString() => Name is null ? "?" : ":" + Name;
}

internal sealed class ListTerm : Term
{
    public ListTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}

/// <summary><c>{a, b}</c>; also <c>{}</c>, which is a set or a map depending on the receiver.</summary>
internal sealed class SetTerm : Term
{
    public SetTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}

internal sealed class MapTerm : Term
{
    public MapTerm(List<KeyValuePair<Term, Term>> entries) { Entries = entries; }
    public List<KeyValuePair<Term, Term>> Entries { get; }
}

/// <summary><c>{field: value, ...}</c> with identifier keys: a user-defined type value.</summary>
internal sealed class UdtTerm : Term
{
    public UdtTerm(List<KeyValuePair<string, Term>> fields) { Fields = fields; }
    public List<KeyValuePair<string, Term>> Fields { get; }
}

internal sealed class TupleTerm : Term
{
    public TupleTerm(List<Term> items) { Items = items; }
    public List<Term> Items { get; }
}

internal sealed class FunctionTerm : Term
{
    public FunctionTerm(string name, List<Term> args) { Name = name; Args = args; }
    /// <summary>Lower-case function name without the <c>system.</c> prefix.</summary>
    public string Name { get; }
    public List<Term> Args { get; }
}

/// <summary><c>(type) term</c>.</summary>
internal sealed class CastTerm : Term
{
    public CastTerm(RawType type, Term inner) { Type = type; Inner = inner; }
    public RawType Type { get; }
    public Term Inner { get; }
}

/// <summary>A type as written in DDL, resolved against the keyspace's user types when executed.</summary>
internal sealed class RawType
{
    public RawType(string name, List<RawType> parameters, bool frozen, bool quoted)
    {
        Name = name;
        Parameters = parameters;
        Frozen = frozen;
        Quoted = quoted;
    }

    public string Name { get; }
    public List<RawType> Parameters { get; }
    public bool Frozen { get; }
    public bool Quoted { get; }
}
