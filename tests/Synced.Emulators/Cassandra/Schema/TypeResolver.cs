using System.Linq;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>Resolves DDL type text against a keyspace's user types, with Cassandra's rules on frozen nesting.</summary>
internal static class TypeResolver
{
    /// <param name="raw">The type as written.</param>
    /// <param name="keyspace">Where user types are looked up.</param>
    /// <param name="frozenContext">Whether an enclosing type is frozen, a tuple or a vector: then nested collections are frozen implicitly.</param>
    /// <param name="allowVector">Whether vector&lt;type, n&gt; exists (Cassandra 5.0 and later).</param>
    public static ColumnType Resolve(RawType raw, KeyspaceSchema keyspace, bool frozenContext = false, bool allowVector = true)
    {
        ColumnType type;
        var frozenInside = frozenContext || raw.Frozen;
        switch (raw.Name)
        {
            case "list" when !raw.Quoted:
            case "set" when !raw.Quoted:
                Arity(raw, 1);
                var element = Resolve(raw.Parameters[0], keyspace, frozenInside, allowVector);
                type = raw.Name == "list" ? ColumnType.ListOf(element, raw.Frozen) : ColumnType.SetOf(element, raw.Frozen);
                CheckElements(type, frozenInside);
                break;
            case "map" when !raw.Quoted:
                Arity(raw, 2);
                type = ColumnType.MapOf(Resolve(raw.Parameters[0], keyspace, frozenInside, allowVector),
                    Resolve(raw.Parameters[1], keyspace, frozenInside, allowVector), raw.Frozen);
                CheckElements(type, frozenInside);
                break;
            case "tuple" when !raw.Quoted:
                if (raw.Parameters.Count == 0) throw new CqlSyntaxException("tuple type needs at least one element type");
                // Tuples are always frozen: their elements may be collections, frozen implicitly (CASSANDRA-8099 era rule).
                type = ColumnType.TupleOf(raw.Parameters.Select(p => Resolve(p, keyspace, true, allowVector).Freeze()).ToArray());
                break;
            case "vector" when !raw.Quoted && raw.Dimension is not null:
                if (!allowVector) throw new CqlSyntaxException("line 1:0 no viable alternative at input 'vector' (vector types need Cassandra 5.0)");
                if (raw.Parameters.Count != 1) throw new CqlSyntaxException("vector type takes an element type and a dimension");
                // VectorType.getInstance: "vectors may only have positive dimensions; given %d".
                if (raw.Dimension <= 0) throw new CqlInvalidException($"vectors may only have positive dimensions; given {raw.Dimension}");
                var elementType = Resolve(raw.Parameters[0], keyspace, true, allowVector);
                if (elementType.Kind == TypeKind.Counter) throw new CqlInvalidException("vectors may not contain counters");
                return ColumnType.VectorOf(elementType, raw.Dimension.Value);
            default:
                if (!raw.Quoted && ColumnType.TryNative(raw.Name, out var native))
                {
                    if (raw.Parameters.Count > 0) throw new CqlSyntaxException($"type {raw.Name} takes no parameters");
                    if (raw.Frozen) throw new CqlInvalidException("frozen<> is only allowed on collections, tuples, and user-defined types (got " + raw.Name + ")");
                    return native;
                }
                if (!keyspace.Types.TryGetValue(raw.Name, out var udt))
                    throw new CqlInvalidException($"Unknown type {keyspace.Name}.{raw.Name}");
                return udt.AsType(raw.Frozen || frozenContext);
        }
        return frozenInside ? type.Freeze() : type;
    }

    /// <summary>A non-frozen collection holds only frozen collections and user types (CQL3Type.Raw.throwNestedNonFrozenError names the outer type).</summary>
    private static void CheckElements(ColumnType collection, bool frozen)
    {
        foreach (var p in collection.Parameters)
        {
            if (p.Kind == TypeKind.Counter) throw new CqlInvalidException($"Counters are not allowed inside collections: {collection.ToCqlText()}");
            if (frozen) continue;
            if (p.IsCollection && !p.IsFrozen) throw new CqlInvalidException($"Non-frozen collections are not allowed inside collections: {collection.ToCqlText()}");
            if (p.Kind == TypeKind.Udt && !p.IsFrozen) throw new CqlInvalidException($"Non-frozen UDTs are not allowed inside collections: {collection.ToCqlText()}");
        }
    }

    private static void Arity(RawType raw, int n)
    {
        if (raw.Parameters.Count != n) throw new CqlSyntaxException($"{raw.Name} type takes {n} type parameter(s)");
    }
}
