using System.Linq;
using System.Management.Automation;
using Synced.Core.Time;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes checkpoints (or checkpoint files that cannot be read), so the next run of their configuration starts from the epoch.</para>
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
        var listing = Checked(store.List, directory);
        var all = listing.Checkpoints;

        foreach (var pattern in Name)
        {
            var matches = MatchByName(all, pattern).ToList();
            // A file that cannot be read is addressed by its file name (shown in its CheckpointCorrupt error).
            var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
            var unusable = listing.Problems.Where(p => !p.IsNewerFormat && wildcard.IsMatch(Core.Checkpoints.CheckpointStore.NameOfFile(p.FilePath))).ToList();
            if (matches.Count == 0 && unusable.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteCheckpointNotFound(pattern, directory);
                continue;
            }
            foreach (var problem in unusable)
            {
                var file = $"unusable checkpoint file '{problem.FilePath}' ({problem.Problem})";
                if (!ShouldProcess(file, "Remove")) continue;
                Checked(() => store.RemoveFile(problem.FilePath), problem.FilePath);
                WriteVerbose($"Removed {file}.");
            }
            foreach (var checkpoint in matches)
            {
                var end = checkpoint.End is { } oldest ? UtcTime.Format(oldest) : "no watermark";
                var target = $"checkpoint '{checkpoint.Name}' ({checkpoint.Configuration}, {checkpoint.Watermarks.Count} watermarks, oldest {end}) in {checkpoint.Path}";
                if (!ShouldProcess(target, "Remove")) continue;
                // The lock keeps a removal from racing a run of the same configuration.
                using var runLock = Checked(() => store.AcquireLock(checkpoint.Configuration, WriteWarning), checkpoint.Name);
                Checked(() => store.Remove(checkpoint), checkpoint.Name);
                WriteVerbose($"Removed {target}.");
            }
        }
    }
}
