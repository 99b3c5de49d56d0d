using System.Collections.Generic;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Rows of serialized values with their column specs, and the paging state when more rows follow.</summary>
internal sealed class RowsResult : StatementResult
{
    public RowsResult(IReadOnlyList<ColumnSpec> columns, List<byte[]?[]> rows, byte[]? pagingState)
    {
        Columns = columns;
        Rows = rows;
        PagingState = pagingState;
    }

    public IReadOnlyList<ColumnSpec> Columns { get; }
    public List<byte[]?[]> Rows { get; }
    public byte[]? PagingState { get; }
}
