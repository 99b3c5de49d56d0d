using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Evaluates a term for a receiver (a column, a function argument, LIMIT...) into a serialized value.</summary>
internal static class TermEvaluator
{
    public static byte[]? Evaluate(Term term, ColumnType type, string receiver, StatementContext ctx)
    {
        switch (term)
        {
            case BindMarkerTerm marker:
                var value = ctx.Value(marker);
                if (value is null || StatementContext.IsUnset(value)) return value;
                ValueValidator.Validate(value, type, receiver);
                return CollectionValues.Normalize(type, value);
            case LiteralTerm literal:
                return LiteralCodec.Encode(literal, type, receiver);
            case FunctionTerm function:
                return EvaluateFunction(function, type, receiver, ctx);
            case CastTerm cast:
                return Evaluate(cast.Inner, type, receiver, ctx);
            case ListTerm list:
                if (type.Kind == TypeKind.List)
                    return CollectionValues.Join(list.Items.Select(i => NotNull(Evaluate(i, type.Parameters[0], receiver, ctx), receiver)).ToList(), false);
                if (type.Kind == TypeKind.Set)
                    return CollectionValues.Join(CollectionValues.NormalizeSet(type.Parameters[0], list.Items.Select(i => Evaluate(i, type.Parameters[0], receiver, ctx))), false);
                if (type.Kind == TypeKind.Vector)
                    return Values.VectorValues.Join(type, list.Items.Select(i => Evaluate(i, type.Parameters[0], receiver, ctx)).ToList(), receiver);
                throw Mismatch("list literal", type, receiver);
            case SetTerm set:
                if (type.Kind == TypeKind.Set)
                    return CollectionValues.Join(CollectionValues.NormalizeSet(type.Parameters[0], set.Items.Select(i => Evaluate(i, type.Parameters[0], receiver, ctx))), false);
                if (type.Kind == TypeKind.Map && set.Items.Count == 0) return CollectionValues.Join(new List<byte[]?>(), true);
                if (type.Kind == TypeKind.List && set.Items.Count == 0) return CollectionValues.Join(new List<byte[]?>(), false);
                throw Mismatch("set literal", type, receiver);
            case MapTerm map:
                if (type.Kind != TypeKind.Map) throw Mismatch("map literal", type, receiver);
                var flat = new List<byte[]?>();
                foreach (var e in map.Entries)
                {
                    flat.Add(Evaluate(e.Key, type.Parameters[0], receiver, ctx));
                    flat.Add(Evaluate(e.Value, type.Parameters[1], receiver, ctx));
                }
                return CollectionValues.Join(CollectionValues.NormalizeMap(type.Parameters[0], flat), true);
            case UdtTerm udt:
                if (type.Kind != TypeKind.Udt) throw Mismatch("user type literal", type, receiver);
                var fields = new byte[]?[type.FieldNames.Count];
                foreach (var f in udt.Fields)
                {
                    var index = IndexOf(type.FieldNames, f.Key);
                    if (index < 0) throw new CqlInvalidException($"Unknown field '{f.Key}' in value of user defined type {type.UdtName}");
                    var v = Evaluate(f.Value, type.Parameters[index], receiver + "." + f.Key, ctx);
                    fields[index] = StatementContext.IsUnset(v) ? null : v;
                }
                return CollectionValues.JoinFields(fields);
            case TupleTerm tuple:
                if (type.Kind != TypeKind.Tuple) throw Mismatch("tuple literal", type, receiver);
                if (tuple.Items.Count > type.Parameters.Count)
                    throw new CqlInvalidException($"Invalid tuple literal for {receiver}: too many elements. Type {type.ToCqlText()} expects {type.Parameters.Count} but got {tuple.Items.Count}");
                return CollectionValues.JoinFields(tuple.Items.Select((t, i) => Evaluate(t, type.Parameters[i], receiver, ctx)).ToList());
        }
        throw new CqlInvalidException($"Unsupported term for {receiver}");
    }

    private static byte[] NotNull(byte[]? value, string receiver)
        => value is null || StatementContext.IsUnset(value) ? throw new CqlInvalidException("null is not supported inside collections") : value;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    private static CqlInvalidException Mismatch(string what, ColumnType type, string receiver)
        => new($"Invalid {what} for {receiver} of type {type.ToCqlText()}");

    private static byte[]? EvaluateFunction(FunctionTerm function, ColumnType type, string receiver, StatementContext ctx)
    {
        var argTypes = CqlFunctions.ArgumentTypes(function.Name, function.Args.Count);
        if (function.Args.Count != argTypes.Length)
            throw new CqlInvalidException($"Invalid number of arguments in call to function system.{function.Name}: {argTypes.Length} required but {function.Args.Count} provided");
        var actualTypes = new ColumnType[argTypes.Length];
        var args = new byte[]?[argTypes.Length];
        for (var i = 0; i < argTypes.Length; i++)
        {
            actualTypes[i] = ArgumentType(function, i, argTypes[i]);
            args[i] = Evaluate(function.Args[i], actualTypes[i], $"arg{i}", ctx);
        }
        var returnType = CqlFunctions.ReturnType(function.Name, actualTypes);
        if (!returnType.SameShape(type) && !(returnType.Kind == TypeKind.Timeuuid && type.Kind == TypeKind.Uuid) && type.Kind != TypeKind.Blob)
            throw new CqlInvalidException($"Type error: cannot assign result of function system.{function.Name} (type {returnType.ToCqlText()}) to {receiver} (type {type.ToCqlText()})");
        return CqlFunctions.Apply(function.Name, args, actualTypes);
    }

    /// <summary>The argument type of a call; nested function calls give theirs (e.g. toTimestamp(now()) takes a timeuuid).</summary>
    public static ColumnType ArgumentType(FunctionTerm function, int index, ColumnType declared)
    {
        if (function.Args[index] is FunctionTerm inner)
        {
            var innerArgs = CqlFunctions.ArgumentTypes(inner.Name, inner.Args.Count);
            var actual = CqlFunctions.ReturnType(inner.Name, innerArgs);
            CqlFunctions.CheckArgument(function.Name, actual);
            return actual;
        }
        return declared;
    }
}
