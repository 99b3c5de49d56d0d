using System.Linq;
using System.Management.Automation;
using Synced.Core.Cassandra;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Model;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Lists the tables of a keyspace and the types of an index, whether each meets the data contract, and how a run scans each Cassandra table.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncedTable")]
[OutputType(typeof(Synced.SyncedTable))]
public sealed class GetSyncedTableCommand : SyncedConnectionCmdlet
{
    /// <summary>The Cassandra keyspace.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Keyspace { get; set; } = null!;

    /// <summary>The Elasticsearch index (PerTable: the alias over the table indices).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Index { get; set; } = null!;

    /// <summary>Only these tables (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Table { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = BuildConnectionSettings();
        var selection = new TableSelection(Table, null);
        using var bridge = new PipelineBridge();
        var (keyspace, inventory) = RunOnWorker(bridge, () => StoreConnector.UseAsync(settings, Keyspace, Index, allowMissingIndex: true,
            async (cassandra, elasticsearch, ct) => ((cassandra as CassandraStore)?.Keyspace ?? Keyspace, await TableInventory.ListAsync(cassandra, elasticsearch, ct).ConfigureAwait(false)),
            null, StopToken));

        foreach (var table in inventory.Cassandra.Where(t => selection.Matches(t.Name)))
            WriteObject(new Synced.SyncedTable(StoreSide.Cassandra, table, inventory.OnBothSides(table.Name), keyspace));
        foreach (var table in inventory.Elasticsearch.Where(t => selection.Matches(t.Name)))
            WriteObject(new Synced.SyncedTable(StoreSide.Elasticsearch, table, inventory.OnBothSides(table.Name)));
    }
}
