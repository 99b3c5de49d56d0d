using System.Linq;
using Synced.Core.Model;

namespace Synced;

/// <summary>A table (Cassandra) or type (Elasticsearch) and whether it takes part in a sync.</summary>
public sealed class SyncedTable
{
    internal SyncedTable(string side, TableInfo table, bool onOtherSide)
    {
        Side = side;
        Name = table.Name;
        Location = table.Location;
        MeetsContract = table.MeetsContract;
        Reason = table.Reason;
        OnOtherSide = onOtherSide;
        Columns = table.Columns.Select(c => c.ToString()).ToArray();
    }

    /// <summary>Cassandra or Elasticsearch.</summary>
    public string Side { get; }

    /// <summary>The table name both sides share.</summary>
    public string Name { get; }

    /// <summary>keyspace.table, or the index name.</summary>
    public string Location { get; }

    /// <summary>True when it meets the data contract and takes part.</summary>
    public bool MeetsContract { get; }

    /// <summary>Why it does not meet the contract.</summary>
    public string? Reason { get; }

    /// <summary>True when the other side has a table of the same name (else only -CreateMissing syncs it).</summary>
    public bool OnOtherSide { get; }

    /// <summary>Columns / fields as "name type".</summary>
    public string[] Columns { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Side} {Location}";
}
