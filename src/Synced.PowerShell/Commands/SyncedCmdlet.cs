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
            var directory = StateDirectory.Resolve(given);
            if (File.Exists(directory))
                throw new StatePathException(directory, "it is a file, not a directory");
            return directory;
        }
        catch (StatePathException ex)
        {
            ThrowTerminatingError(StatePathError(ex, StatePath));
            throw; // not reached
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or IOException or ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new StatePathException(StatePath ?? "(default)", $"{ex.Message} Give -StatePath a directory, or set ${StateDirectory.EnvironmentVariable}", ex),
                ErrorIds.StatePathInvalid, ErrorCategory.InvalidArgument, StatePath));
            throw; // not reached
        }
    }

    /// <summary>Opens the checkpoint store of the resolved state directory.</summary>
    protected CheckpointStore OpenCheckpointStore() => new(ResolveStateDirectory());

    /// <summary>Builds a configuration identity, turning bad parameters into an InvalidConfiguration error.</summary>
    protected SyncConfiguration BuildConfiguration(string? keyspace, string? index, string[]? cassandraHost, int cassandraPort, Uri[]? elasticsearchUri, string? name)
    {
        try
        {
            return new SyncConfiguration(keyspace ?? string.Empty, index ?? string.Empty, cassandraHost, cassandraPort, elasticsearchUri, name);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ParameterNames.WithParameters(new ErrorRecord(ex, ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, name ?? keyspace),
                ParameterNames.OfConfiguration(ex.ParamName)));
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
        catch (Exception ex) when (CheckpointError(ex, target) is { } record)
        {
            ThrowTerminatingError(record);
            throw; // not reached
        }
    }

    /// <summary>The error record of a checkpoint, lock, range or state-directory failure; null for any other exception.</summary>
    protected static ErrorRecord? CheckpointError(Exception ex, object? target) => ex switch
    {
        CheckpointCorruptException { IsNewerFormat: true } newer => new ErrorRecord(newer, ErrorIds.CheckpointNewerFormat, ErrorCategory.InvalidData, newer.FilePath),
        CheckpointCorruptException corrupt => ParameterNames.WithParameters(new ErrorRecord(corrupt, ErrorIds.CheckpointCorrupt, ErrorCategory.InvalidData, corrupt.FilePath),
            "Remove-SyncedCheckpoint", "or Set-SyncedCheckpoint -Force"),
        CheckpointLockedException locked => new ErrorRecord(locked, ErrorIds.CheckpointLocked, ErrorCategory.ResourceBusy, locked.LockPath),
        InvalidTimeRangeException range => new ErrorRecord(range, ErrorIds.InvalidTimeRange, ErrorCategory.InvalidArgument, range.Value),
        TableNotFoundException notFound => new ErrorRecord(notFound, ErrorIds.TableNotFound, ErrorCategory.ObjectNotFound, string.Join(",", notFound.Patterns)),
        StatePathException state => StatePathError(state, target),
        _ => null,
    };

    private static ErrorRecord StatePathError(StatePathException ex, object? target)
        => new(ex, ErrorIds.StatePathInvalid, ex.InnerException is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidArgument, target ?? ex.Directory);

    /// <summary>Lists the state directory; each file that cannot be used becomes a non-terminating error naming it (and hides nothing else).</summary>
    /// <param name="store">The store.</param>
    /// <param name="reportFile">Which unusable files to report, by their name (file name without extension); all when null.</param>
    protected IReadOnlyList<Core.Checkpoints.Checkpoint> ListCheckpoints(CheckpointStore store, Func<string, bool>? reportFile = null)
    {
        var listing = Checked(store.List, store.Directory);
        foreach (var problem in listing.Problems)
        {
            if (reportFile is not null && !reportFile(CheckpointStore.NameOfFile(problem.FilePath))) continue;
            WriteError(CheckpointError(problem, problem.FilePath)!);
        }
        return listing.Checkpoints;
    }

    /// <summary>
    /// True when errors stop the caller (-ErrorAction Stop, or $ErrorActionPreference = 'Stop'): then an error
    /// written while the work goes on would cut it short, so the cmdlet reports at the end instead.
    /// </summary>
    protected bool ErrorsStopTheCaller()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
        if (preference is PSObject wrapped) preference = wrapped.BaseObject;
        return preference switch
        {
            ActionPreference action => action == ActionPreference.Stop,
            string text => string.Equals(text, nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>
    /// The error that closes work that did not do everything, after its result is on the pipeline (the record's
    /// target object): non-terminating, so <c>$r = ...</c> keeps the result and <c>pwsh -Command</c> exits 1; and
    /// terminating when errors stop the caller, so a script stops there.
    /// </summary>
    protected void WriteClosingError(ErrorRecord record)
    {
        if (ErrorsStopTheCaller()) ThrowTerminatingError(record);
        else WriteError(record);
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
