using System.Linq;
using System.Management.Automation;
using Synced.Core.Time;
using Synced.PowerShell.Infrastructure;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes checkpoints, so the next run of their configuration starts from the epoch.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SyncedCheckpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSyncedCheckpointCommand : SyncedCmdlet
{
    /// <summary>Names of the checkpoints to remove; wildcards allowed. Binds from Synced.Checkpoint objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var directory = ResolveStateDirectory();
        var store = new Core.Checkpoints.CheckpointStore(directory);
        var all = Checked(store.List, directory);

        foreach (var pattern in Name)
        {
            var matches = MatchByName(all, pattern).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteCheckpointNotFound(pattern, directory);
                continue;
            }
            foreach (var checkpoint in matches)
            {
                var target = $"checkpoint '{checkpoint.Name}' ({checkpoint.Configuration}, end {TimeInput.Format(checkpoint.End)}) in {checkpoint.Path}";
                if (!ShouldProcess(target, "Remove")) continue;
                // The lock keeps a removal from racing a run of the same configuration.
                using var runLock = Checked(() => store.AcquireLock(checkpoint.Configuration, WriteWarning), checkpoint.Name);
                Checked(() => store.Remove(checkpoint), checkpoint.Name);
                WriteVerbose($"Removed {target}.");
            }
        }
    }
}
