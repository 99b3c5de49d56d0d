using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Synced.Core.Checkpoints;
using Synced.Core.Model;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>What every Synced cmdlet shares: the state directory, configuration building and error records.</summary>
public abstract class SyncedCmdlet : PSCmdlet
{
    /// <summary>
    /// The state directory for checkpoints and locks. Default: $env:SYNCED_STATE_PATH, else
    /// %LOCALAPPDATA%\Synced (Windows) or $XDG_STATE_HOME/synced or ~/.local/state/synced.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StatePath { get; set; }

    /// <summary>The resolved state directory (relative paths against the current file-system location).</summary>
    protected string ResolveStateDirectory()
    {
        try
        {
            var given = StatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
            return StateDirectory.Resolve(given);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or IOException or ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"The state directory '{StatePath}' cannot be used: {ex.Message}", ex),
                ErrorIds.StatePathUnavailable, ErrorCategory.InvalidArgument, StatePath));
            throw; // not reached
        }
    }

    /// <summary>Opens the checkpoint store of the resolved state directory.</summary>
    protected CheckpointStore OpenCheckpointStore() => new(ResolveStateDirectory());

    /// <summary>Builds a configuration identity, turning bad parameters into an InvalidConfiguration error.</summary>
    protected SyncConfiguration BuildConfiguration(string? keyspace, string? index, string[]? cassandraHost, int cassandraPort,
        Uri[]? elasticsearchUri, string[]? table, string[]? excludeTable, SyncDirection direction, string? name)
    {
        try
        {
            return new SyncConfiguration(keyspace ?? string.Empty, index ?? string.Empty, cassandraHost, cassandraPort, elasticsearchUri,
                new TableSelection(table, excludeTable), direction, name);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, name ?? keyspace));
            throw; // not reached
        }
    }

    /// <summary>Runs a checkpoint store operation, turning its known failures into terminating error records.</summary>
    protected T Checked<T>(Func<T> operation, object? target)
    {
        try
        {
            return operation();
        }
        catch (CheckpointCorruptException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.CheckpointCorrupt, ErrorCategory.InvalidData, ex.FilePath));
        }
        catch (CheckpointLockedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.CheckpointLocked, ErrorCategory.ResourceBusy, ex.LockPath));
        }
        catch (InvalidTimeRangeException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidTimeRange, ErrorCategory.InvalidArgument, target));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(new IOException($"The state directory cannot be used: {ex.Message}", ex),
                ErrorIds.StatePathUnavailable, ErrorCategory.WriteError, target));
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Writes a non-terminating CheckpointNotFound error for a name without wildcards that matched nothing.</summary>
    protected void WriteCheckpointNotFound(string name, string directory)
    {
        WriteError(new ErrorRecord(
            new ItemNotFoundException($"No checkpoint named '{name}' in '{directory}'. Get-SyncedCheckpoint lists the checkpoints there."),
            ErrorIds.CheckpointNotFound, ErrorCategory.ObjectNotFound, name));
    }

    /// <summary>Checkpoints whose name matches <paramref name="pattern"/> (wildcards allowed).</summary>
    protected static IEnumerable<Core.Checkpoints.Checkpoint> MatchByName(IReadOnlyList<Core.Checkpoints.Checkpoint> all, string pattern)
    {
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
        return all.Where(c => wildcard.IsMatch(c.Name));
    }
}
