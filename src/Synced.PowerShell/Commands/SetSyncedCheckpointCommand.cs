using System;
using System.Linq;
using System.Management.Automation;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates or moves the checkpoint of a sync configuration.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "SyncedCheckpoint", SupportsShouldProcess = true, DefaultParameterSetName = ConfigurationSet)]
[OutputType(typeof(Synced.Checkpoint))]
public sealed class SetSyncedCheckpointCommand : SyncedCmdlet
{
    private const string NameSet = "Name";
    private const string ConfigurationSet = "Configuration";

    /// <summary>The checkpoint's name: an existing one (as Get-SyncedCheckpoint shows it), or a new name of your choosing.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Cassandra keyspace of the configuration.</summary>
    [Parameter(ParameterSetName = ConfigurationSet, Mandatory = true)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string? Keyspace { get; set; }

    /// <summary>Elasticsearch index of the configuration.</summary>
    [Parameter(ParameterSetName = ConfigurationSet, Mandatory = true)]
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string? Index { get; set; }

    /// <summary>Cassandra contact points (host or host:port). Default: localhost.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CassandraHost { get; set; }

    /// <summary>CQL port for contact points without one. Default: 9042.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int CassandraPort { get; set; } = ConfigurationDefaults.CassandraPort;

    /// <summary>Elasticsearch URIs. Default: http://localhost:9200.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Uri[]? ElasticsearchUri { get; set; }

    /// <summary>Tables of the configuration (wildcards). Default: all.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Table { get; set; }

    /// <summary>Tables left out of the configuration (wildcards).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? ExcludeTable { get; set; }

    /// <summary>Direction of the configuration. Default: Both.</summary>
    [Parameter]
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>The new checkpoint: everything before it counts as synced. Not in the future.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SyncedTime("End")]
    public DateTime End { get; set; }

    /// <summary>Writes the checkpoint to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var directory = ResolveStateDirectory();
        var store = new CheckpointStore(directory);
        var end = TimeInput.TruncateToMicroseconds(TimeInput.Normalize(End));
        Checked(() => { RangeResolver.EnsureNotFuture(end, DateTime.UtcNow, "End"); return true; }, End);

        SyncConfiguration configuration;
        Core.Checkpoints.Checkpoint? existing;
        if (ParameterSetName == NameSet)
        {
            existing = Checked(store.List, directory).FirstOrDefault(c => string.Equals(c.Name, Name, StringComparison.OrdinalIgnoreCase));
            configuration = existing?.Configuration
                ?? BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, Table, ExcludeTable, Direction, Name);
        }
        else
        {
            configuration = BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, Table, ExcludeTable, Direction, null);
            existing = Checked(() => store.TryRead(configuration), configuration.DisplayName);
        }

        var action = existing is null
            ? $"Create with end {TimeInput.Format(end)}"
            : $"Move from {TimeInput.Format(existing.End)} to {TimeInput.Format(end)}";
        if (!ShouldProcess($"checkpoint '{configuration.DisplayName}' ({configuration}) in {directory}", action)) return;

        // The lock keeps a manual move from racing a run of the same configuration.
        using var runLock = Checked(() => store.AcquireLock(configuration, WriteWarning), configuration.DisplayName);
        var written = Checked(() => store.Write(new Core.Checkpoints.Checkpoint(configuration, end, DateTime.UtcNow, existing?.LastRun)), configuration.DisplayName);
        WriteVerbose($"{action}: checkpoint '{configuration.DisplayName}' in {written.Path}.");
        if (PassThru) WriteObject(new Synced.Checkpoint(written, directory));
    }
}
