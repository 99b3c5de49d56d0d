using System.Collections.Generic;
using System.Linq;
using Synced.Cql.Protocol;
using Synced.Emulators.Cassandra.Execution;
using ColumnSpec = Synced.Emulators.Cassandra.Execution.ColumnSpec;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>Writes RESULT, ERROR and EVENT bodies (protocol v4) into a frame being built.</summary>
internal static class ResponseWriter
{
    public static void WriteResult(FrameWriter w, StatementResult result, bool skipMetadata)
    {
        switch (result)
        {
            case VoidResult:
                w.WriteInt((int)ResultKind.Void);
                break;
            case RowsResult rows:
                w.WriteInt((int)ResultKind.Rows);
                WriteRowsMetadata(w, rows.Columns, rows.PagingState, skipMetadata);
                w.WriteInt(rows.Rows.Count);
                foreach (var row in rows.Rows)
                    foreach (var cell in row)
                        w.WriteBytes(cell);
                break;
            case SetKeyspaceResult ks:
                w.WriteInt((int)ResultKind.SetKeyspace);
                w.WriteString(ks.Keyspace);
                break;
            case SchemaChangeResult change:
                w.WriteInt((int)ResultKind.SchemaChange);
                WriteSchemaChange(w, change);
                break;
            case PreparedStatementResult prepared:
                w.WriteInt((int)ResultKind.Prepared);
                WritePrepared(w, prepared.Prepared);
                break;
        }
    }

    private static void WriteRowsMetadata(FrameWriter w, IReadOnlyList<ColumnSpec> columns, byte[]? pagingState, bool skipMetadata)
    {
        var flags = RowsFlags.None;
        if (pagingState is not null) flags |= RowsFlags.HasMorePages;
        if (skipMetadata) flags |= RowsFlags.NoMetadata;
        var global = columns.Count > 0 && columns.All(c => c.Keyspace == columns[0].Keyspace && c.Table == columns[0].Table);
        if (global && !skipMetadata) flags |= RowsFlags.GlobalTablesSpec;
        w.WriteInt((int)flags);
        w.WriteInt(columns.Count);
        if (pagingState is not null) w.WriteBytes(pagingState);
        if (skipMetadata) return;
        WriteColumnSpecs(w, columns, global);
    }

    private static void WriteColumnSpecs(FrameWriter w, IReadOnlyList<ColumnSpec> columns, bool global)
    {
        if (global)
        {
            w.WriteString(columns[0].Keyspace);
            w.WriteString(columns[0].Table);
        }
        foreach (var c in columns)
        {
            if (!global)
            {
                w.WriteString(c.Keyspace);
                w.WriteString(c.Table);
            }
            w.WriteString(c.Name);
            w.WriteOption(TypeOptions.ToCqlType(c.Type));
        }
    }

    private static void WritePrepared(FrameWriter w, PreparedStatementInfo p)
    {
        w.WriteShortBytes(p.Id);
        // Bind variables: flags, count, partition key indexes, specs.
        var variables = p.Variables;
        var global = variables.Count > 0 && variables.All(c => c.Keyspace == variables[0].Keyspace && c.Table == variables[0].Table);
        w.WriteInt(global ? (int)RowsFlags.GlobalTablesSpec : 0);
        w.WriteInt(variables.Count);
        w.WriteInt(p.PartitionKeyIndexes.Count);
        foreach (var i in p.PartitionKeyIndexes) w.WriteShort((ushort)i);
        WriteColumnSpecs(w, variables, global);
        // Result metadata.
        if (p.ResultColumns is null)
        {
            w.WriteInt((int)RowsFlags.NoMetadata);
            w.WriteInt(0);
        }
        else
        {
            WriteRowsMetadata(w, p.ResultColumns, null, false);
        }
    }

    public static void WriteSchemaChange(FrameWriter w, SchemaChangeResult change)
    {
        w.WriteString(change.Change);
        w.WriteString(change.Target);
        w.WriteString(change.Keyspace);
        if (change.Target != "KEYSPACE") w.WriteString(change.Name!);
    }

    public static void WriteError(FrameWriter w, NodeError error)
    {
        w.WriteInt((int)error.Code);
        w.WriteString(error.Message);
        switch (error.Code)
        {
            case ErrorCode.Unavailable:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(1);
                w.WriteInt(0);
                break;
            case ErrorCode.WriteTimeout:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(0);
                w.WriteInt(1);
                w.WriteString("SIMPLE");
                break;
            case ErrorCode.ReadTimeout:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(0);
                w.WriteInt(1);
                w.WriteByte(0);
                break;
            case ErrorCode.ReadFailure:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(0);
                w.WriteInt(1);
                w.WriteInt(1);
                w.WriteByte(0);
                break;
            case ErrorCode.WriteFailure:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(0);
                w.WriteInt(1);
                w.WriteInt(1);
                w.WriteString("SIMPLE");
                break;
            case ErrorCode.FunctionFailure:
                w.WriteString(error.Keyspace ?? "");
                w.WriteString(error.Table ?? "");
                w.WriteStringList(new List<string>());
                break;
            case ErrorCode.AlreadyExists:
                w.WriteString(error.Keyspace ?? "");
                w.WriteString(error.Table ?? "");
                break;
            case ErrorCode.Unprepared:
                w.WriteShortBytes(error.PreparedId ?? System.Array.Empty<byte>());
                break;
        }
    }
}
