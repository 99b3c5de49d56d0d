using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Connections;
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
        var (keyspace, cassandra, elasticsearch) = RunOnWorker(bridge, async () =>
        {
            var (c, e) = await StoreConnector.ConnectAsync(settings, Keyspace, Index, allowMissingIndex: true, StopToken).ConfigureAwait(false);
            await using (c.ConfigureAwait(false))
            await using (e.ConfigureAwait(false))
            {
                return ((c as CassandraStore)?.Keyspace ?? Keyspace, await c.ListTablesAsync(StopToken).ConfigureAwait(false), await e.ListTablesAsync(StopToken).ConfigureAwait(false));
            }
        });

        var cassandraNames = new HashSet<string>(cassandra.Select(t => t.Name), System.StringComparer.OrdinalIgnoreCase);
        var elasticsearchNames = new HashSet<string>(elasticsearch.Select(t => t.Name), System.StringComparer.OrdinalIgnoreCase);
        foreach (var table in cassandra.Where(t => selection.Matches(t.Name)).OrderBy(t => t.Name))
            WriteObject(new Synced.SyncedTable("Cassandra", table, elasticsearchNames.Contains(table.Name), keyspace));
        foreach (var table in elasticsearch.Where(t => selection.Matches(t.Name)).OrderBy(t => t.Name))
            WriteObject(new Synced.SyncedTable("Elasticsearch", table, cassandraNames.Contains(table.Name)));
    }
}
