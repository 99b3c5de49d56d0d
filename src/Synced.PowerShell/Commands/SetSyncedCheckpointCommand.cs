using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;
using Synced.PowerShell.Parameters;
using EngineDirection = Synced.Core.Model.SyncDirection;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Creates or moves the watermarks of a sync configuration's checkpoint, per table and direction.</para>
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

    /// <summary>
    /// The tables whose watermarks to set (names, or wildcards that match tables the checkpoint has watermarks
    /// for). Default: every table — the watermarks it has, and a baseline for tables it has none for yet.
    /// </summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Table { get; set; }

    /// <summary>The direction of the watermarks to set. Default: Both.</summary>
    [Parameter]
    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>The new watermark: everything before it counts as synced. Not in the future.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SyncedTime("End")]
    public DateTime End { get; set; }

    /// <summary>Replaces a checkpoint file that cannot be read (a file written by a newer Synced is never replaced).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the checkpoint to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var directory = ResolveStateDirectory();
        var store = new CheckpointStore(directory);
        var end = UtcTime.TruncateToMicroseconds(UtcTime.Normalize(End));
        Checked(() => { RangeResolver.EnsureNotFuture(end, DateTime.UtcNow, "End"); return true; }, End);

        SyncConfiguration configuration;
        if (ParameterSetName == NameSet)
        {
            var known = Checked(store.List, directory).Checkpoints.FirstOrDefault(c => string.Equals(c.Name, Name, StringComparison.OrdinalIgnoreCase));
            configuration = known?.Configuration ?? BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, Name);
        }
        else
        {
            configuration = BuildConfiguration(Keyspace, Index, CassandraHost, CassandraPort, ElasticsearchUri, null);
        }

        // The lock keeps a manual move from racing a run of the same configuration.
        using var runLock = Checked(() => store.AcquireLock(configuration, WriteWarning), configuration.DisplayName);
        Core.Checkpoints.Checkpoint? existing;
        try
        {
            existing = store.TryRead(configuration);
        }
        catch (CheckpointCorruptException ex) when (Force && !ex.IsNewerFormat)
        {
            WriteWarning($"Replacing the checkpoint file that cannot be used (-Force): {ex.Problem}.");
            existing = null;
        }
        catch (Exception ex) when (CheckpointError(ex, configuration.DisplayName) is { } record)
        {
            ThrowTerminatingError(record);
            return;
        }

        var direction = Direction.ToEngine();
        var directions = direction == EngineDirection.Both
            ? new[] { EngineDirection.CassandraToElasticsearch, EngineDirection.ElasticsearchToCassandra }
            : new[] { direction };
        var watermarks = existing?.Watermarks.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<WatermarkKey, DateTime>();
        var baselines = existing?.Baselines.ToList() ?? new List<WatermarkBaseline>();
        var moved = new List<WatermarkKey>();
        if (Table is null)
        {
            foreach (var key in watermarks.Keys.Where(k => directions.Contains(k.Direction)).ToList())
            {
                watermarks[key] = end;
                moved.Add(key);
            }
            // The new baseline replaces the ones of its direction(s); a Both baseline keeps the other direction.
            var kept = new List<WatermarkBaseline>();
            foreach (var baseline in baselines)
            {
                if (direction == EngineDirection.Both || baseline.Direction == direction) continue;
                if (baseline.Direction == EngineDirection.Both)
                    kept.Add(new WatermarkBaseline(baseline.End, baseline.Tables, directions[0] == EngineDirection.CassandraToElasticsearch ? EngineDirection.ElasticsearchToCassandra : EngineDirection.CassandraToElasticsearch));
                else kept.Add(baseline);
            }
            baselines = kept;
            baselines.Add(new WatermarkBaseline(end, TableSelection.All, direction));
        }
        else
        {
            foreach (var pattern in Table)
            {
                var keys = WildcardPattern.ContainsWildcardCharacters(pattern)
                    ? watermarks.Keys.Where(k => directions.Contains(k.Direction) && new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(k.Table)).ToList()
                    : directions.Select(d => new WatermarkKey(pattern, d)).ToList();
                if (keys.Count == 0)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"The checkpoint '{configuration.DisplayName}' has no watermark of a table matching '{pattern}' ({Direction}). Give a table name to create its watermark."),
                        ErrorIds.TableNotFound, ErrorCategory.ObjectNotFound, pattern));
                    continue;
                }
                foreach (var key in keys)
                {
                    watermarks[key] = end;
                    moved.Add(key);
                }
            }
            if (moved.Count == 0) return;
        }

        var what = Table is null
            ? $"Set every watermark ({Direction}) to {UtcTime.Format(end)}: {moved.Count} existing, and a baseline for tables without one"
            : $"Set {moved.Count} watermark(s) to {UtcTime.Format(end)}: {string.Join(", ", moved)}";
        if (!ShouldProcess($"checkpoint '{configuration.DisplayName}' ({configuration}) in {directory}", what)) return;

        var next = existing?.With(watermarks, baselines, DateTime.UtcNow, existing.LastRun)
            ?? new Core.Checkpoints.Checkpoint(configuration, watermarks, baselines, DateTime.UtcNow, null);
        var written = Checked(() => store.Write(next), configuration.DisplayName);
        WriteVerbose($"{what}: checkpoint '{configuration.DisplayName}' in {written.Path}.");
        if (PassThru) WriteObject(new Synced.Checkpoint(written, directory));
    }
}
