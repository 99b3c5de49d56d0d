using System.Collections.Generic;
using System.Linq;
using Synced.Core.Model;
using Synced.Cql.Metadata;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Checks a table against the data contract (<see cref="DataContract"/>): <c>id uuid</c>, <c>tmstmp timeuuid</c>, primary
/// key exactly <c>((id), tmstmp)</c>, no counter columns (counters cannot be written with INSERT), and no column of a
/// type Synced cannot convert (a custom type, or a type the client does not know).
/// </summary>
internal static class TableContract
{
    /// <summary>
    /// Describes a table with its columns (their CQL types), why it breaks the contract if it does, and else how a run
    /// reads it (<paramref name="scan"/>).
    /// </summary>
    public static TableInfo Describe(TableMetadata table, TableScan? scan = null)
    {
        var columns = table.Columns.Select(c => new ColumnInfo(c.Name, c.Type)).ToList();
        var violation = FindViolation(table);
        return new TableInfo(table.Name, columns, violation, $"{table.Keyspace}.{table.Name}", violation is null ? scan : null);
    }

    /// <summary>Why the table breaks the contract, or null when it meets it.</summary>
    public static string? FindViolation(TableMetadata table)
    {
        const string id = DataContract.IdName, tmstmp = DataContract.TmstmpName;
        var idColumn = table.GetColumn(id);
        if (idColumn is null) return $"it has no '{id}' column; it must be a {DataContract.IdCqlType}";
        if (idColumn.Type.Code != DataContract.IdCqlType.Code) return $"{id} is {idColumn.Type}, not {DataContract.IdCqlType}";
        var tmstmpColumn = table.GetColumn(tmstmp);
        if (tmstmpColumn is null) return $"it has no '{tmstmp}' column; it must be a {DataContract.TmstmpCqlType}";
        if (tmstmpColumn.Type.Code != DataContract.TmstmpCqlType.Code) return $"{tmstmp} is {tmstmpColumn.Type}, not {DataContract.TmstmpCqlType}";
        if (table.PartitionKey.Count != 1 || table.PartitionKey[0].Name != id
            || table.ClusteringColumns.Count != 1 || table.ClusteringColumns[0].Name != tmstmp)
            return $"primary key is {DescribeKey(table)}, not (({id}), {tmstmp})";
        foreach (var column in table.Columns)
            if (column.Type.Code == CqlTypeCode.Counter)
                return $"{column.Name} is a counter; counter tables cannot be written with INSERT";
        foreach (var column in table.Columns)
        {
            if (column.TypeProblem is not null)
                return $"column {CqlIdentifier.Quote(column.Name)} has a type Synced does not know ({column.Type.CustomClass}): a type newer than this version of Synced, " +
                       "or a custom type; its values cannot be converted, so the table is not synced (the others are)";
            if (FindCustom(column.Type) is { } custom)
                return $"column {CqlIdentifier.Quote(column.Name)} has the custom type '{custom.CustomClass}', whose values Synced cannot convert to or from JSON; the table is not synced (the others are)";
        }
        return null;
    }

    /// <summary>The first custom type in <paramref name="type"/> (itself, an element, a field...), or null.</summary>
    private static CqlType? FindCustom(CqlType type)
    {
        if (type.Code == CqlTypeCode.Custom) return type;
        foreach (var parameter in type.Parameters)
            if (FindCustom(parameter) is { } found) return found;
        foreach (var field in type.Fields)
            if (FindCustom(field.Type) is { } found) return found;
        return null;
    }

    /// <summary>The primary key as CQL writes it with the partition key in its own parentheses, e.g. <c>((id), other)</c>.</summary>
    public static string DescribeKey(TableMetadata table)
    {
        var parts = new List<string> { "(" + string.Join(", ", table.PartitionKey.Select(c => CqlIdentifier.Quote(c.Name))) + ")" };
        parts.AddRange(table.ClusteringColumns.Select(c => CqlIdentifier.Quote(c.Name)));
        return "(" + string.Join(", ", parts) + ")";
    }
}
