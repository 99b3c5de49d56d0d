using System;
using System.Collections.Generic;
using Synced.Cql.Types;

namespace Synced.Cql.Protocol;

/// <summary>
/// The &lt;metadata&gt; of a Rows result, and of a Prepared result (which adds the partition key indices of the
/// bind variables). Column specs are written with the global table spec when all columns share one table.
/// </summary>
public sealed class RowsMetadata
{
    private readonly Dictionary<string, int>? _indexByName;

    internal RowsMetadata(IReadOnlyList<ColumnSpec>? columns, int columnCount, byte[]? pagingState = null, IReadOnlyList<int>? partitionKeyIndices = null)
    {
        if (columns != null && columns.Count != columnCount)
        {
            throw new ArgumentException($"{columns.Count} column specs for {columnCount} columns.");
        }

        Columns = columns;
        ColumnCount = columnCount;
        PagingState = pagingState;
        PartitionKeyIndices = partitionKeyIndices;
        if (columns != null)
        {
            _indexByName = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
            for (var i = columns.Count - 1; i >= 0; i--)
            {
                _indexByName[columns[i].Name] = i;
            }
        }
    }

    /// <summary>Metadata listing columns (no paging state).</summary>
    internal RowsMetadata(IReadOnlyList<ColumnSpec> columns) : this(columns, columns.Count)
    {
    }

    /// <summary>Column specs, or null when the server skipped them (<see cref="RowsFlags.NoMetadata"/>).</summary>
    public IReadOnlyList<ColumnSpec>? Columns { get; }

    public int ColumnCount { get; }

    /// <summary>Present when more pages follow.</summary>
    public byte[]? PagingState { get; }

    /// <summary>Prepared metadata only: which bind variables form the partition key, in key order.</summary>
    public IReadOnlyList<int>? PartitionKeyIndices { get; }

    /// <summary>Index of a column by exact name (first match), or -1.</summary>
    public int IndexOf(string name)
        => _indexByName != null && _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Returns a copy that carries the given paging state.</summary>
    internal RowsMetadata WithPagingState(byte[]? pagingState) => new(Columns, ColumnCount, pagingState, PartitionKeyIndices);

    /// <summary>Reads Rows metadata, or Prepared bind-variable metadata when <paramref name="withPartitionKeyIndices"/> is set.</summary>
    internal static RowsMetadata Read(ref FrameReader reader, bool withPartitionKeyIndices)
    {
        var flags = (RowsFlags)reader.ReadInt();
        var columnCount = reader.ReadInt();
        if (columnCount < 0)
        {
            throw new CqlProtocolException($"Result metadata has a negative column count {columnCount}.");
        }

        int[]? pkIndices = null;
        if (withPartitionKeyIndices)
        {
            var pkCount = reader.ReadInt();
            if (pkCount < 0 || pkCount > columnCount)
            {
                throw new CqlProtocolException($"Prepared metadata has a bad partition key count {pkCount}.");
            }

            pkIndices = new int[pkCount];
            for (var i = 0; i < pkCount; i++)
            {
                pkIndices[i] = reader.ReadShort();
            }
        }

        var pagingState = (flags & RowsFlags.HasMorePages) != 0 ? reader.ReadBytes() : null;
        if ((flags & RowsFlags.NoMetadata) != 0)
        {
            return new RowsMetadata(null, columnCount, pagingState, pkIndices);
        }

        string? globalKeyspace = null;
        string? globalTable = null;
        if ((flags & RowsFlags.GlobalTablesSpec) != 0)
        {
            globalKeyspace = reader.ReadString();
            globalTable = reader.ReadString();
        }

        var columns = new ColumnSpec[columnCount];
        for (var i = 0; i < columnCount; i++)
        {
            var keyspace = globalKeyspace ?? reader.ReadString();
            var table = globalTable ?? reader.ReadString();
            var name = reader.ReadString();
            columns[i] = new ColumnSpec(keyspace, table, name, CqlType.ReadOption(ref reader));
        }

        return new RowsMetadata(columns, columnCount, pagingState, pkIndices);
    }

    /// <summary>Writes this metadata; <paramref name="skipColumns"/> sets NoMetadata (the client asked to skip it).</summary>
    internal void WriteTo(FrameWriter writer, bool withPartitionKeyIndices, bool skipColumns = false)
    {
        var flags = RowsFlags.None;
        var global = false;
        if (PagingState != null)
        {
            flags |= RowsFlags.HasMorePages;
        }

        if (skipColumns || Columns == null)
        {
            flags |= RowsFlags.NoMetadata;
        }
        else if (Columns.Count > 0)
        {
            global = true;
            foreach (var column in Columns)
            {
                global &= column.Keyspace == Columns[0].Keyspace && column.Table == Columns[0].Table;
            }

            if (global)
            {
                flags |= RowsFlags.GlobalTablesSpec;
            }
        }

        writer.WriteInt((int)flags);
        writer.WriteInt(ColumnCount);
        if (withPartitionKeyIndices)
        {
            var pk = PartitionKeyIndices ?? Array.Empty<int>();
            writer.WriteInt(pk.Count);
            foreach (var index in pk)
            {
                writer.WriteShort(checked((ushort)index));
            }
        }

        if (PagingState != null)
        {
            writer.WriteBytes(PagingState);
        }

        if ((flags & RowsFlags.NoMetadata) != 0)
        {
            return;
        }

        if (global)
        {
            writer.WriteString(Columns![0].Keyspace);
            writer.WriteString(Columns[0].Table);
        }

        foreach (var column in Columns!)
        {
            if (!global)
            {
                writer.WriteString(column.Keyspace);
                writer.WriteString(column.Table);
            }

            writer.WriteString(column.Name);
            column.Type.WriteOption(writer);
        }
    }
}
