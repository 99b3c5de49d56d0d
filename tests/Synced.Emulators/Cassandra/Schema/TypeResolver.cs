using System.Linq;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Schema;

/// <summary>Resolves DDL type text against a keyspace's user types, with Cassandra's rules on frozen nesting.</summary>
internal static class TypeResolver
{
    public static ColumnType Resolve(RawType raw, KeyspaceSchema keyspace, bool insideCollection = false)
    {
        ColumnType type;
        switch (raw.Name)
        {
            case "list" when !raw.Quoted:
            case "set" when !raw.Quoted:
                Arity(raw, 1);
                var element = Resolve(raw.Parameters[0], keyspace, insideCollection: true);
                type = raw.Name == "list" ? ColumnType.ListOf(element, raw.Frozen) : ColumnType.SetOf(element, raw.Frozen);
                break;
            case "map" when !raw.Quoted:
                Arity(raw, 2);
                type = ColumnType.MapOf(Resolve(raw.Parameters[0], keyspace, true), Resolve(raw.Parameters[1], keyspace, true), raw.Frozen);
                break;
            case "tuple" when !raw.Quoted:
                if (raw.Parameters.Count == 0) throw new CqlSyntaxException("tuple type needs at least one element type");
                type = ColumnType.TupleOf(raw.Parameters.Select(p => Resolve(p, keyspace, true).Freeze()).ToArray());
                break;
            default:
                if (!raw.Quoted && ColumnType.TryNative(raw.Name, out var native))
                {
                    if (raw.Parameters.Count > 0) throw new CqlSyntaxException($"type {raw.Name} takes no parameters");
                    if (raw.Frozen) throw new CqlInvalidException("frozen<> is only allowed on collections, tuples, and user-defined types (got " + raw.Name + ")");
                    if (insideCollection && native.Kind == TypeKind.Counter) throw new CqlInvalidException("Counters are not allowed inside collections: " + raw.Name);
                    return native;
                }
                if (!keyspace.Types.TryGetValue(raw.Name, out var udt))
                    throw new CqlInvalidException($"Unknown type {keyspace.Name}.{raw.Name}");
                if (insideCollection && !raw.Frozen)
                    throw new CqlInvalidException($"Non-frozen UDTs are not allowed inside collections: {raw.Name}");
                return udt.AsType(raw.Frozen);
        }
        if (insideCollection && type.IsCollection && !type.IsFrozen)
            throw new CqlInvalidException($"Non-frozen collections are not allowed inside collections: {type.ToCqlText()}");
        return type;
    }

    private static void Arity(RawType raw, int n)
    {
        if (raw.Parameters.Count != n) throw new CqlSyntaxException($"{raw.Name} type takes {n} type parameter(s)");
    }
}
