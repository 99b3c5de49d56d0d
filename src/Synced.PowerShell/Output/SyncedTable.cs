using System.Linq;
using Synced.Core.Connections;
using Synced.Core.Model;

namespace Synced;

/// <summary>A table (Cassandra) or type (Elasticsearch) and whether it takes part in a sync.</summary>
public sealed class SyncedTable
{
    private readonly TableInfo _table;

    internal SyncedTable(StoreSide side, TableInfo table, bool onOtherSide, string? keyspace = null)
    {
        _table = table;
        Side = side.ToString();
        Keyspace = keyspace;
        OnOtherSide = onOtherSide;
        Columns = table.Columns.Select(c => c.ToString()).ToArray();
    }

    /// <summary>Cassandra or Elasticsearch.</summary>
    public string Side { get; }

    /// <summary>The table name both sides share.</summary>
    public string Name => _table.Name;

    /// <summary>keyspace.table, or the index name.</summary>
    public string Location => _table.Location;

    /// <summary>The Cassandra keyspace of a Cassandra table (so the object can be piped to Add-SyncedIndex); null for Elasticsearch.</summary>
    public string? Keyspace { get; }

    /// <summary>True when it meets the data contract and takes part.</summary>
    public bool MeetsContract => _table.MeetsContract;

    /// <summary>Why it does not meet the contract.</summary>
    public string? Reason => _table.Reason;

    /// <summary>True when the other side has a table of the same name (else only -CreateMissing syncs it).</summary>
    public bool OnOtherSide { get; }

    /// <summary>Columns / fields as "name type".</summary>
    public string[] Columns { get; }

    /// <summary>
    /// How a run reads a time range of a Cassandra table: IndexOnTmstmp (through a storage-attached index on tmstmp,
    /// reading what changed) or FullScan (ALLOW FILTERING, reading every row of the table). Null for Elasticsearch
    /// and for tables outside the contract.
    /// </summary>
    public TableScanKind? Scan => _table.Scan?.Kind;

    /// <summary>The index an IndexOnTmstmp scan reads through.</summary>
    public string? ScanIndex => _table.Scan?.IndexName;

    /// <summary>For a FullScan on Cassandra 5.0+: the one statement that creates the index (or run Add-SyncedIndex).</summary>
    public string? CreateIndexStatement => _table.Scan?.CreateIndexStatement;

    /// <summary>For a FullScan on a cluster that cannot have the index (before 5.0): why.</summary>
    public string? ScanNote => _table.Scan?.IndexUnavailableReason;

    /// <inheritdoc />
    public override string ToString() => $"{Side} {Location}";
}
