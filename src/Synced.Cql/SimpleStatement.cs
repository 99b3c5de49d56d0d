using System;
using System.Collections.Generic;
using System.Linq;
using Synced.Cql.Types;

namespace Synced.Cql;

/// <summary>
/// A CQL text sent as it is (QUERY), with optional positional (<c>?</c>) or named (<c>:name</c>) values. Without
/// metadata the value types are inferred from the .NET types (string → text, long → bigint, ...), or given with
/// <see cref="ValueTypes"/>; prepare statements run often.
/// </summary>
public sealed class SimpleStatement : CqlStatement
{
    public SimpleStatement(string query, params object?[] values)
    {
        Query = query ?? throw new ArgumentNullException(nameof(query));
        Values = values ?? Array.Empty<object?>();
    }

    public string Query { get; }

    public IReadOnlyList<object?> Values { get; private set; }

    /// <summary>Value names for named markers, or null for positional values.</summary>
    public IReadOnlyList<string>? ValueNames { get; private set; }

    /// <summary>Explicit CQL types of <see cref="Values"/> (same count); null to infer them.</summary>
    public IReadOnlyList<CqlType>? ValueTypes { get; set; }

    /// <summary>A statement with named values (<c>:name</c> markers).</summary>
    public static SimpleStatement WithNamedValues(string query, IReadOnlyDictionary<string, object?> values)
    {
        var statement = new SimpleStatement(query)
        {
            ValueNames = values.Keys.ToArray(),
            Values = values.Values.ToArray()
        };
        return statement;
    }

    public override bool IsRead => StartsWithSelect(Query);

    public override string Describe() => Query;
}
