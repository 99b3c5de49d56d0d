using System;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>One column of a SELECT's result: its spec and how it is computed from a row.</summary>
internal sealed class OutputColumn
{
    private readonly Func<RowView, StatementContext, byte[]?> _compute;

    private OutputColumn(ColumnSpec spec, Func<RowView, StatementContext, byte[]?> compute, bool isAggregate, string? countColumn)
    {
        Spec = spec;
        _compute = compute;
        IsAggregate = isAggregate;
        CountColumn = countColumn;
    }

    public ColumnSpec Spec { get; }
    public bool IsAggregate { get; }
    /// <summary>For count(col): the column whose non-null values are counted; null for count(*).</summary>
    public string? CountColumn { get; }

    public byte[]? Compute(RowView row, StatementContext ctx) => _compute(row, ctx);

    public static OutputColumn ForColumn(TableSchema table, ColumnSchema column, string? alias)
        => new(new ColumnSpec(table.Keyspace, table.Name, alias ?? column.Name, column.Type), (row, _) => row.ValueOf(column), false, null);

    public static OutputColumn For(TableSchema table, Selector selector)
    {
        var (name, type, compute, aggregate, countColumn) = Describe(table, selector);
        return new OutputColumn(new ColumnSpec(table.Keyspace, table.Name, selector.Alias ?? name, type), compute, aggregate, countColumn);
    }

    private static (string Name, ColumnType Type, Func<RowView, StatementContext, byte[]?> Compute, bool Aggregate, string? CountColumn) Describe(TableSchema table, Selector selector)
    {
        switch (selector.Kind)
        {
            case SelectorKind.Column:
            {
                var column = table.Column(selector.Name);
                return (column.Name, column.Type, (row, _) => row.ValueOf(column), false, null);
            }
            case SelectorKind.CountStar:
                return ("count", ColumnType.Bigint, (_, _) => null, true, null);
            case SelectorKind.Writetime:
            case SelectorKind.Ttl:
            {
                var column = table.Column(selector.Name);
                var fn = selector.Kind == SelectorKind.Writetime ? "writetime" : "ttl";
                if (column.IsPrimaryKey) throw new CqlInvalidException($"Cannot use selection function {(fn == "ttl" ? "ttl" : "writeTime")} on PRIMARY KEY part {column.Name}");
                if (column.Type.IsMultiCell) throw new CqlInvalidException($"Cannot use selection function {(fn == "ttl" ? "ttl" : "writeTime")} on non-frozen {(column.Type.Kind == TypeKind.Udt ? "UDT" : "collection")} {column.Name}");
                if (fn == "writetime")
                    return ($"writetime({column.Name})", ColumnType.Bigint, (row, _) => row.CellOf(column) is { } c ? LiteralCodec.Int64(c.Timestamp) : null, false, null);
                return ($"ttl({column.Name})", ColumnType.Int, (row, _) =>
                {
                    var c = row.CellOf(column);
                    return c is null || c.Ttl == 0 ? null : LiteralCodec.Int32(c.LocalDeletionTime - row.Now);
                }, false, null);
            }
            case SelectorKind.Term:
                throw new CqlInvalidException("Constant terms in a selection clause are not supported by this emulator");
            default:
                return DescribeFunction(table, selector);
        }
    }

    private static (string, ColumnType, Func<RowView, StatementContext, byte[]?>, bool, string?) DescribeFunction(TableSchema table, Selector selector)
    {
        var name = selector.Name;
        if (name == "token")
        {
            if (selector.Args.Count != table.PartitionKey.Count || selector.Args.Where((a, i) => a.Kind != SelectorKind.Column || a.Name != table.PartitionKey[i].Name).Any())
                throw new CqlInvalidException($"Type error: token() arguments must be the partition key columns in order ({string.Join(", ", table.PartitionKey.Select(c => c.Name))})");
            return ($"system.token({string.Join(", ", selector.Args.Select(a => a.Name))})", ColumnType.Bigint, (row, _) => LiteralCodec.Int64(row.Partition.Token), false, null);
        }
        if (name == "count")
        {
            if (selector.Args.Count == 1 && selector.Args[0].Kind == SelectorKind.Term)
                return ("count", ColumnType.Bigint, (_, _) => null, true, null);
            if (selector.Args.Count != 1 || selector.Args[0].Kind != SelectorKind.Column)
                throw new CqlInvalidException("Invalid number of arguments in call to function system.count: 1 required");
            var counted = table.Column(selector.Args[0].Name);
            return ($"system.count({counted.Name})", ColumnType.Bigint, (_, _) => null, true, counted.Name);
        }
        var args = selector.Args.Select(a => Describe(table, a)).ToArray();
        if (args.Any(a => a.Aggregate)) throw new CqlInvalidException("Aggregates inside functions are not supported by this emulator");
        var declared = CqlFunctions.ArgumentTypes(name, args.Length);
        if (args.Length != declared.Length)
            throw new CqlInvalidException($"Invalid number of arguments in call to function system.{name}: {declared.Length} required but {args.Length} provided");
        var argTypes = args.Select(a => a.Type).ToArray();
        for (var i = 0; i < argTypes.Length; i++)
        {
            CqlFunctions.CheckArgument(name, argTypes[i]);
            if (name is not ("totimestamp" or "todate" or "tounixtimestamp") && !argTypes[i].SameShape(declared[i]))
                throw new CqlInvalidException($"Type error: {args[i].Name} cannot be passed as argument {i} of function system.{name} of type {declared[i].ToCqlText()}");
        }
        var returnType = CqlFunctions.ReturnType(name, argTypes);
        var text = $"system.{name}({string.Join(", ", args.Select(a => a.Name))})";
        return (text, returnType, (row, ctx) =>
        {
            var values = new byte[]?[args.Length];
            for (var i = 0; i < args.Length; i++) values[i] = args[i].Compute(row, ctx);
            return CqlFunctions.Apply(name, values, argTypes);
        }, false, null);
    }
}
