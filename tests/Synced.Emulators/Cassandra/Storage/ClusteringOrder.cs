using System.Collections.Generic;
using Synced.Emulators.Cassandra.Schema;

namespace Synced.Emulators.Cassandra.Storage;

/// <summary>Orders rows of a partition by their clustering values, honouring each column's ASC/DESC.</summary>
internal sealed class ClusteringOrder : IComparer<Row>
{
    private readonly IReadOnlyList<ColumnSchema> _columns;

    public ClusteringOrder(IReadOnlyList<ColumnSchema> clustering) { _columns = clustering; }

    public int Compare(Row? x, Row? y) => Compare(x!.Clustering, y!.Clustering);

    /// <summary>Compares clustering prefixes; a shorter prefix that matches sorts first.</summary>
    public int Compare(byte[][] x, byte[][] y)
    {
        var n = System.Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var column = _columns[i];
            var c = ValueOrder.Compare(column.Type, x[i], y[i]);
            if (c != 0) return column.Descending ? -c : c;
        }
        return x.Length.CompareTo(y.Length);
    }
}
