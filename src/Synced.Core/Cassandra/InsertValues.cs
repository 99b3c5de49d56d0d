using System;
using System.Collections.Generic;
using Synced.Core.Model;
using Synced.Cql.Metadata;
using Synced.Cql.Types;

namespace Synced.Core.Cassandra;

/// <summary>
/// The INSERT values of entries for one table, in column order (id and tmstmp left for the caller; columns without a
/// field unset, so nothing is overwritten with null). Entries of a shared <see cref="FieldLayout"/> find their columns
/// once per layout. Not thread-safe: one per batch.
/// </summary>
internal sealed class InsertValues
{
    private const int ContractField = -2;
    private const int NoColumn = -1;

    private readonly TableMetadata _table;
    private FieldLayout? _lastLayout;
    private int[] _lastColumns = Array.Empty<int>();

    public InsertValues(TableMetadata table) => _table = table;

    /// <summary>True when some field of the batch has no column (the table may have gained it since its schema was read).</summary>
    public static bool HasUnknownField(TableMetadata table, IReadOnlyList<SyncEntry> batch)
    {
        FieldLayout? checkedLayout = null;
        foreach (var entry in batch)
        {
            if (entry.Fields is EntryFields fields)
            {
                if (ReferenceEquals(fields.Layout, checkedLayout)) continue;
                for (var i = 0; i < fields.Layout.Count; i++)
                    if (!DataContract.IsContractName(fields.Layout[i]) && IndexOf(table.Columns, fields.Layout[i]) < 0) return true;
                checkedLayout = fields.Layout;
                continue;
            }
            foreach (var field in entry.Fields.Keys)
                if (!DataContract.IsContractName(field) && IndexOf(table.Columns, field) < 0)
                    return true;
        }
        return false;
    }

    /// <summary>The values of an entry, or the reason one field cannot be written.</summary>
    public bool TryBind(SyncEntry entry, out object?[] values, out string? problem)
    {
        var columns = _table.Columns;
        values = new object?[columns.Count];
        for (var i = 0; i < values.Length; i++) values[i] = CqlUnset.Value;
        problem = null;
        if (entry.Fields is EntryFields fields)
        {
            var positions = ColumnsOf(fields.Layout);
            for (var i = 0; i < positions.Length; i++)
            {
                if (positions[i] == ContractField) continue;
                if (!TryConvert(entry, fields.Layout[i], fields.ValueAt(i), positions[i], values, out problem)) return false;
            }
            return true;
        }
        foreach (var field in entry.Fields)
        {
            if (DataContract.IsContractName(field.Key)) continue;
            if (!TryConvert(entry, field.Key, field.Value, IndexOf(columns, field.Key), values, out problem)) return false;
        }
        return true;
    }

    private bool TryConvert(SyncEntry entry, string name, object? value, int index, object?[] values, out string? problem)
    {
        problem = null;
        if (index < 0)
        {
            problem = $"table {_table}, id {entry.Id}: field '{name}' has no column in {_table}; add the column or drop the field";
            return false;
        }
        var column = _table.Columns[index];
        try
        {
            values[index] = CqlValueWriter.Convert(column.Type, value);
            return true;
        }
        catch (CqlValueConversionException ex)
        {
            problem = $"table {_table}, id {entry.Id}: field '{name}' ({column.Type}): {ex.Message}";
            return false;
        }
    }

    private int[] ColumnsOf(FieldLayout layout)
    {
        if (ReferenceEquals(layout, _lastLayout)) return _lastColumns;
        var positions = new int[layout.Count];
        for (var i = 0; i < positions.Length; i++)
            positions[i] = DataContract.IsContractName(layout[i]) ? ContractField : IndexOf(_table.Columns, layout[i]);
        _lastLayout = layout;
        return _lastColumns = positions;
    }

    private static int IndexOf(IReadOnlyList<ColumnMetadata> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal)) return i;
        return NoColumn;
    }
}
