using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Execution;

namespace Synced.Emulators.Cassandra.Protocol;

/// <summary>Writes RESULT, ERROR and EVENT bodies of protocol v4 (native_protocol_v4.spec sections 4.2 and 9).</summary>
internal static class ResponseWriter
{
    private const int VoidKind = 0x0001;
    private const int RowsKind = 0x0002;
    private const int SetKeyspaceKind = 0x0003;
    private const int PreparedKind = 0x0004;
    private const int SchemaChangeKind = 0x0005;

    private const int GlobalTablesSpecFlag = 0x0001;
    private const int HasMorePagesFlag = 0x0002;
    private const int NoMetadataFlag = 0x0004;

    public static void WriteResult(WireWriter w, StatementResult result, bool skipMetadata)
    {
        switch (result)
        {
            case VoidResult:
                w.WriteInt(VoidKind);
                break;
            case RowsResult rows:
                w.WriteInt(RowsKind);
                WriteRowsMetadata(w, rows.Columns, rows.PagingState, skipMetadata);
                w.WriteInt(rows.Rows.Count);
                foreach (var row in rows.Rows)
                    foreach (var cell in row)
                        w.WriteBytes(cell);
                break;
            case SetKeyspaceResult ks:
                w.WriteInt(SetKeyspaceKind);
                w.WriteString(ks.Keyspace);
                break;
            case SchemaChangeResult change:
                w.WriteInt(SchemaChangeKind);
                WriteSchemaChange(w, change);
                break;
            case PreparedStatementResult prepared:
                w.WriteInt(PreparedKind);
                WritePrepared(w, prepared.Prepared);
                break;
        }
    }

    private static void WriteRowsMetadata(WireWriter w, IReadOnlyList<ColumnSpec> columns, byte[]? pagingState, bool skipMetadata)
    {
        var flags = 0;
        if (pagingState is not null) flags |= HasMorePagesFlag;
        if (skipMetadata) flags |= NoMetadataFlag;
        var global = IsGlobal(columns);
        if (global && !skipMetadata) flags |= GlobalTablesSpecFlag;
        w.WriteInt(flags);
        w.WriteInt(columns.Count);
        if (pagingState is not null) w.WriteBytes(pagingState);
        if (skipMetadata) return;
        WriteColumnSpecs(w, columns, global);
    }

    private static bool IsGlobal(IReadOnlyList<ColumnSpec> columns)
        => columns.Count > 0 && columns.All(c => c.Keyspace == columns[0].Keyspace && c.Table == columns[0].Table);

    private static void WriteColumnSpecs(WireWriter w, IReadOnlyList<ColumnSpec> columns, bool global)
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
            TypeOptions.Write(w, c.Type);
        }
    }

    private static void WritePrepared(WireWriter w, PreparedStatementInfo p)
    {
        w.WriteShortBytes(p.Id);
        // Bind variables: flags, count, partition key indexes, specs.
        var variables = p.Variables;
        var global = IsGlobal(variables);
        w.WriteInt(global ? GlobalTablesSpecFlag : 0);
        w.WriteInt(variables.Count);
        w.WriteInt(p.PartitionKeyIndexes.Count);
        foreach (var i in p.PartitionKeyIndexes) w.WriteShort((ushort)i);
        WriteColumnSpecs(w, variables, global);
        // Result metadata.
        if (p.ResultColumns is null)
        {
            w.WriteInt(NoMetadataFlag);
            w.WriteInt(0);
        }
        else
        {
            WriteRowsMetadata(w, p.ResultColumns, null, false);
        }
    }

    public static void WriteSchemaChange(WireWriter w, SchemaChangeResult change)
    {
        w.WriteString(change.Change);
        w.WriteString(change.Target);
        w.WriteString(change.Keyspace);
        if (change.Target != "KEYSPACE") w.WriteString(change.Name!);
    }

    public static void WriteError(WireWriter w, NodeError error)
    {
        w.WriteInt((int)error.Code);
        w.WriteString(error.Message);
        switch (error.Code)
        {
            case CqlErrorCode.Unavailable:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(error.Required);
                w.WriteInt(error.Received);
                break;
            case CqlErrorCode.WriteTimeout:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(error.Received);
                w.WriteInt(error.Required);
                w.WriteString(error.WriteType);
                break;
            case CqlErrorCode.ReadTimeout:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(error.Received);
                w.WriteInt(error.Required);
                w.WriteByte(error.DataPresent ? (byte)1 : (byte)0);
                break;
            case CqlErrorCode.ReadFailure:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(error.Received);
                w.WriteInt(error.Required);
                w.WriteInt(error.Failures);
                w.WriteByte(error.DataPresent ? (byte)1 : (byte)0);
                break;
            case CqlErrorCode.WriteFailure:
                w.WriteConsistency(error.Consistency);
                w.WriteInt(error.Received);
                w.WriteInt(error.Required);
                w.WriteInt(error.Failures);
                w.WriteString(error.WriteType);
                break;
            case CqlErrorCode.FunctionFailure:
                w.WriteString(error.Keyspace ?? "");
                w.WriteString(error.Table ?? "");
                w.WriteStringList(new List<string>());
                break;
            case CqlErrorCode.AlreadyExists:
                w.WriteString(error.Keyspace ?? "");
                w.WriteString(error.Table ?? "");
                break;
            case CqlErrorCode.Unprepared:
                w.WriteShortBytes(error.PreparedId ?? System.Array.Empty<byte>());
                break;
        }
    }
}
