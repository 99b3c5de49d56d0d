using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Cql;
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
        var columns = row.Columns;
        var fields = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            if (DataContract.IsContractName(name)) continue;
            fields[name] = ToEntryValue(columns[i].Type, row.GetValue(i));
        }
        return new SyncEntry(table, id, EntryTime.FromTimeUuid(version), fields);
    }

    /// <summary>The same, taking <c>id</c> and <c>tmstmp</c> from the row.</summary>
    public static SyncEntry ToEntry(string table, CqlRow row)
        => ToEntry(table, row, (Guid)row.GetValue(DataContract.IdName)!, (Guid)row.GetValue(DataContract.TmstmpName)!);

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
