using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Synced.Core.Cassandra;
using Synced.Core.Connections;
using Synced.Core.Model;
using Synced.Cql.Errors;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates the storage-attached index on tmstmp of Cassandra tables (Cassandra 5.0+), so that runs read only what changed instead of every row.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "SyncedIndex", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Synced.SyncedIndex))]
public sealed class AddSyncedIndexCommand : SyncedConnectionCmdlet
{
    private CassandraStore? _store;

    /// <summary>The Cassandra keyspace. Binds from the Keyspace property of Get-SyncedTable's output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Keyspace { get; set; } = null!;

    /// <summary>The tables to index (wildcards). Binds from the Name property of Get-SyncedTable's output.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Table { get; set; } = null!;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = BuildConnectionSettings();
        var store = Connect(settings);
        var tables = Run(() => store.ListTablesAsync(StopToken));

        foreach (var table in Select(tables, store.Keyspace))
        {
            if (!table.MeetsContract)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"{table.Location} does not meet the data contract ({table.Reason}): runs do not scan it, so an index on tmstmp would not help. No index was created."),
                    ErrorIds.TableOutsideContract, ErrorCategory.InvalidData, table.Location));
                continue;
            }
            var scan = table.Scan!;
            if (scan.Kind == TableScanKind.FullScan)
            {
                if (scan.IndexUnavailableReason is { } unsupported)
                    ThrowTerminatingError(new ErrorRecord(
                        new NotSupportedException($"{table.Location} on Cassandra {settings.DescribeCassandra()} cannot have the index: {unsupported}. No index was created; runs go on scanning with ALLOW FILTERING."),
                        ErrorIds.IndexNotSupported, ErrorCategory.NotImplemented, table.Location));
                if (!ShouldProcess($"{table.Location} on Cassandra {settings.DescribeCassandra()}", $"Create the storage-attached index on tmstmp ({scan.CreateIndexStatement})"))
                    continue;
            }

            IndexCreation creation;
            try
            {
                creation = Run(() => store.CreateTmstmpIndexAsync(table.Name, StopToken));
            }
            catch (IndexCreationException ex)
            {
                if (ex.Failure == IndexCreationFailure.NotSupported) ThrowTerminatingError(CreationError(ex));
                WriteError(CreationError(ex));
                continue;
            }
            if (creation.SchemaNote is { } note) WriteWarning($"{table.Location}: {note}");
            WriteVerbose(creation.Created
                ? $"Created {creation.IndexName} on {table.Location} ({creation.Statement}). Cassandra builds it in the background; until a node has built it, runs read that node's ranges with ALLOW FILTERING (and say so), then through the index."
                : $"{table.Location} has the storage-attached index {creation.IndexName} on tmstmp already; nothing to create.");
            WriteObject(new Synced.SyncedIndex(store.Keyspace, creation));
        }
    }

    /// <summary>
    /// The tables the patterns name, in name order, each once. A name without wildcards that is not there is a
    /// TableNotFound error; a wildcard passes over the tables outside the contract (a name given in full does not).
    /// </summary>
    private List<TableInfo> Select(IReadOnlyList<TableInfo> tables, string keyspace)
    {
        var selected = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
        foreach (var pattern in Table)
        {
            var literal = !WildcardPattern.ContainsWildcardCharacters(pattern);
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var matches = tables.Where(t => wildcard.IsMatch(t.Name)).ToList();
            if (matches.Count == 0)
            {
                if (literal)
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"Keyspace {keyspace} has no table '{pattern}' (its tables: {(tables.Count == 0 ? "none" : string.Join(", ", tables.Select(t => t.Name)))}). Get-SyncedTable lists them."),
                        ErrorIds.TableNotFound, ErrorCategory.ObjectNotFound, pattern));
                else
                    WriteVerbose($"No table of keyspace {keyspace} matches '{pattern}'.");
                continue;
            }
            foreach (var table in matches)
            {
                if (!literal && !table.MeetsContract)
                {
                    WriteVerbose($"Passing over {table.Location}: it does not meet the data contract ({table.Reason}), so runs do not scan it.");
                    continue;
                }
                selected[table.Name] = table;
            }
        }
        return selected.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static ErrorRecord CreationError(IndexCreationException ex)
    {
        var record = ex.Failure switch
        {
            IndexCreationFailure.TableNotFound => new ErrorRecord(ex, ErrorIds.TableNotFound, ErrorCategory.ObjectNotFound, ex.Table),
            IndexCreationFailure.OutsideContract => new ErrorRecord(ex, ErrorIds.TableOutsideContract, ErrorCategory.InvalidData, ex.Table),
            IndexCreationFailure.NotSupported => new ErrorRecord(ex, ErrorIds.IndexNotSupported, ErrorCategory.NotImplemented, ex.Table),
            _ => new ErrorRecord(ex, ErrorIds.IndexNotCreated, ex.InnerException is UnauthorizedException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, ex.Table),
        };
        record.ErrorDetails = new ErrorDetails(ParameterNames.InText(ex.Message));
        return record;
    }

    /// <summary>The store of <see cref="Keyspace"/>, connected once for all the pipeline's objects of that keyspace.</summary>
    private CassandraStore Connect(ConnectionSettings settings)
    {
        if (_store is not null && string.Equals(_store.Keyspace, Keyspace, StringComparison.OrdinalIgnoreCase)) return _store;
        Close();
        _store = Run(() => StoreConnector.ConnectCassandraAsync(settings, Keyspace, StopToken));
        return _store;
    }

    private T Run<T>(Func<Task<T>> work)
    {
        using var bridge = new PipelineBridge();
        return RunOnWorker(bridge, work);
    }

    private void Close()
    {
        var store = _store;
        _store = null;
        if (store is not null) Run(async () => { await store.DisposeAsync().ConfigureAwait(false); return true; });
    }

    /// <inheritdoc />
    protected override void EndProcessing() => Close();

    /// <summary>Closes the connection when the pipeline ends early (an error, Ctrl+C).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            var store = _store;
            _store = null;
            // The pipeline is over: nothing is left to pump, so waiting here is the cmdlet's own business.
            store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }
}
