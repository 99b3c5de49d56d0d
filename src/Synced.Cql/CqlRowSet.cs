using System;
using System.Collections;
using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql;

/// <summary>
/// One page of rows. The page keeps the frame body and one array of cell offsets; rows are views into it
/// (<see cref="CqlRow"/> is a struct), so reading rows allocates nothing beyond the values decoded.
/// </summary>
public sealed class CqlRowSet : IReadOnlyList<CqlRow>
{
    private readonly int[] _cellOffsets;

    internal CqlRowSet(RowsMetadata metadata, byte[] body, int[] cellOffsets, int rowCount)
    {
        Metadata = metadata;
        Body = body;
        _cellOffsets = cellOffsets;
        Count = rowCount;
    }

    /// <summary>Columns (shared by all rows of the page).</summary>
    public RowsMetadata Metadata { get; }

    /// <summary>Column specs.</summary>
    public IReadOnlyList<ColumnSpec> Columns => Metadata.Columns ?? Array.Empty<ColumnSpec>();

    /// <summary>Rows in this page.</summary>
    public int Count { get; }

    /// <summary>State to fetch the next page, or null when this is the last.</summary>
    public byte[]? PagingState => Metadata.PagingState;

    internal byte[] Body { get; }

    public CqlRow this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The page has {Count} rows.");
            }

            return new CqlRow(this, index);
        }
    }

    /// <summary>Offset of the [bytes] length of a cell within <see cref="Body"/>.</summary>
    internal int CellOffset(int row, int column) => _cellOffsets[row * Metadata.ColumnCount + column];

    /// <summary>Reads the rows of a Rows result from <paramref name="reader"/>, using <paramref name="knownMetadata"/> when the node skipped metadata.</summary>
    internal static CqlRowSet Read(ref FrameReader reader, byte[] body, RowsMetadata? knownMetadata)
    {
        var metadata = RowsMetadata.Read(ref reader, withPartitionKeyIndices: false);
        var known = metadata.Columns == null;
        if (known)
        {
            if (knownMetadata?.Columns == null)
            {
                throw new CqlProtocolException("The node sent rows without column metadata, and none is known for this statement.");
            }

            metadata = new RowsMetadata(knownMetadata.Columns, knownMetadata.ColumnCount, metadata.PagingState);
        }

        var rowCount = reader.ReadInt();
        var columns = metadata.ColumnCount;
        if (rowCount < 0 || (columns > 0 && rowCount > reader.Remaining / (4 * columns)))
        {
            throw known
                ? new ResultMetadataChangedException($"A Rows result of {rowCount} rows does not fit the {columns} columns the statement was prepared with.")
                : new CqlProtocolException($"A Rows result claims {rowCount} rows but the frame is too short for them.");
        }

        var offsets = new int[rowCount * columns];
        var cell = 0;
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                offsets[cell++] = reader.Position;
                var length = reader.ReadInt();
                if (length > 0)
                {
                    if (length > reader.Remaining)
                    {
                        throw known
                            ? new ResultMetadataChangedException($"Row {r} does not fit the {columns} columns the statement was prepared with.")
                            : new CqlProtocolException($"Row {r} column {c} claims {length} bytes but only {reader.Remaining} remain in the frame.");
                    }

                    reader.Position += length;
                }
            }
        }

        if (known && reader.Remaining > 0)
        {
            // Rows sent without metadata carry more cells than the prepared columns: the table changed and the node
            // did not invalidate the statement (protocol v4 has no result metadata id to tell).
            throw new ResultMetadataChangedException($"The rows hold more cells than the {columns} columns the statement was prepared with.");
        }

        return new CqlRowSet(metadata, body, offsets, rowCount);
    }

    public IEnumerator<CqlRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new CqlRow(this, i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
