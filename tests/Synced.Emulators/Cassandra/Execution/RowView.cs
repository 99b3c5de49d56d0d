using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>A live row as a query sees it: its partition, the row (null for a static-only row) and what deletes it.</summary>
internal readonly struct RowView
{
    public RowView(Partition partition, Row? row, long rowDeletion, int now)
    {
        Partition = partition;
        Row = row;
        RowDeletion = rowDeletion;
        Now = now;
    }

    public Partition Partition { get; }
    public Row? Row { get; }
    public long RowDeletion { get; }
    public int Now { get; }

    public Cell? CellOf(ColumnSchema column)
    {
        if (column.Kind == ColumnKind.Static)
            return Partition.Static.LiveCell(column.CellIndex, Partition.DeletionTimestamp, Now);
        return Row?.LiveCell(column.CellIndex, RowDeletion, Now);
    }

    public byte[]? ValueOf(ColumnSchema column) => column.Kind switch
    {
        ColumnKind.PartitionKey => Partition.KeyComponents[column.Position],
        ColumnKind.Clustering => Row?.Clustering[column.Position],
        _ => CellOf(column)?.Value,
    };
}
