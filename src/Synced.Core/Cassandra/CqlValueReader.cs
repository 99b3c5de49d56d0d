using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Cql;
using Synced.Cql.Protocol;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// Turns the values Synced.Cql decodes into the typed forms <see cref="Model.SyncEntry"/> carries: maps become
/// dictionaries (keys in their CQL type), user-defined types dictionaries keyed by field name, sets, lists and
/// vectors <see cref="List{T}"/>, tuples <c>object?[]</c>. Scalars (string, numbers, <see cref="System.Guid"/>,
/// <see cref="System.DateTimeOffset"/>, <see cref="CqlDecimal"/>, <see cref="CqlDate"/>, <see cref="CqlTime"/>,
/// <see cref="CqlDuration"/>, <see cref="System.Net.IPAddress"/>, <c>byte[]</c>, <see cref="System.Numerics.BigInteger"/>)
/// pass as they are.
/// </summary>
internal static class CqlValueReader
{
    /// <summary>
    /// A row of a contract table as an entry: <c>id</c> and <c>tmstmp</c> by name, every other column a field, read
    /// with the row's own columns (after a schema change a statement is prepared again and they follow the table).
    /// </summary>
    public static SyncEntry ToEntry(string table, CqlRow row, Guid id, Guid version)
    {
        RowLayout? layout = null;
        return ToEntry(table, row, id, version, ref layout);
    }

    /// <summary>
    /// The same, with the field layout of the row's columns kept in <paramref name="layout"/> for the next rows: the rows
    /// of a page (and of the pages of one statement) share their columns, so their entries share the names.
    /// </summary>
    public static SyncEntry ToEntry(string table, CqlRow row, Guid id, Guid version, ref RowLayout? layout)
    {
        var columns = row.Columns;
        if (layout is null || !ReferenceEquals(layout.Columns, columns)) layout = new RowLayout(columns);
        var positions = layout.ColumnOf;
        var values = new object?[positions.Length];
        for (var i = 0; i < positions.Length; i++) values[i] = ToEntryValue(columns[positions[i]].Type, row.GetValue(positions[i]));
        return new SyncEntry(table, id, EntryTime.FromTimeUuid(version), new EntryFields(layout.Fields, values));
    }

    /// <summary>The same, taking <c>id</c> and <c>tmstmp</c> from the row.</summary>
    public static SyncEntry ToEntry(string table, CqlRow row)
        => ToEntry(table, row, (Guid)row.GetValue(DataContract.IdName)!, (Guid)row.GetValue(DataContract.TmstmpName)!);

    /// <summary>The fields of rows with given columns: every column but id and tmstmp, and where each is in the row.</summary>
    internal sealed class RowLayout
    {
        public RowLayout(IReadOnlyList<ColumnSpec> columns)
        {
            Columns = columns;
            var names = new List<string>(columns.Count);
            var positions = new List<int>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                if (DataContract.IsContractName(columns[i].Name)) continue;
                names.Add(columns[i].Name);
                positions.Add(i);
            }
            Fields = new FieldLayout(names);
            ColumnOf = positions.ToArray();
        }

        /// <summary>The columns it was made for (compared by reference).</summary>
        public IReadOnlyList<ColumnSpec> Columns { get; }

        public FieldLayout Fields { get; }

        /// <summary>The row position of each field.</summary>
        public int[] ColumnOf { get; }
    }

    /// <summary>The entry form of a decoded value of <paramref name="type"/>.</summary>
    public static object? ToEntryValue(CqlType type, object? value)
    {
        if (value is null) return null;
        switch (type.Code)
        {
            case CqlTypeCode.Vector when value is float[] floats:
            {
                var vector = new List<object?>(floats.Length);
                foreach (var element in floats) vector.Add(element);
                return vector;
            }
            case CqlTypeCode.List:
            case CqlTypeCode.Set:
            case CqlTypeCode.Vector:
                if (value is not IEnumerable<object?> items) return value;
                var list = new List<object?>();
                foreach (var item in items) list.Add(ToEntryValue(type.ElementType, item));
                return list;
            case CqlTypeCode.Map:
                if (value is not IEnumerable<KeyValuePair<object?, object?>> pairs) return value;
                var map = new Dictionary<object, object?>();
                foreach (var pair in pairs)
                    if (pair.Key is not null) map[ToEntryValue(type.KeyType, pair.Key)!] = ToEntryValue(type.ValueType, pair.Value);
                return map;
            case CqlTypeCode.Tuple:
                if (value is not object?[] components) return value;
                var tuple = new object?[type.Parameters.Count];
                for (var i = 0; i < tuple.Length; i++) tuple[i] = i < components.Length ? ToEntryValue(type.Parameters[i], components[i]) : null;
                return tuple;
            case CqlTypeCode.Udt:
                if (value is not CqlUdtValue udt) return value;
                var fields = new Dictionary<string, object?>(System.StringComparer.Ordinal);
                for (var i = 0; i < udt.Count && i < type.Fields.Count; i++)
                    fields[type.Fields[i].Name] = ToEntryValue(type.Fields[i].Type, udt.GetValue(i));
                return fields;
            default:
                return value;
        }
    }
}
