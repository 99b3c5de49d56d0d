using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Synced.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the checkpoints of sync configurations, with their watermarks per table and direction.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncedCheckpoint")]
[OutputType(typeof(Synced.Checkpoint))]
public sealed class GetSyncedCheckpointCommand : SyncedCmdlet
{
    /// <summary>Names of the checkpoints to get; wildcards allowed. Default: all.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only checkpoints of this keyspace; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Keyspace { get; set; }

    /// <summary>Only checkpoints of this index; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Index { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var directory = ResolveStateDirectory();
        var store = new Core.Checkpoints.CheckpointStore(directory);
        // A file that cannot be used is a non-terminating error naming it; the others are still listed.
        var names = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var all = ListCheckpoints(store, file => names is null || names.Any(n => n.IsMatch(file)));

        IEnumerable<Core.Checkpoints.Checkpoint> selected = all;
        if (Keyspace is not null)
        {
            var keyspace = new WildcardPattern(Keyspace, WildcardOptions.IgnoreCase);
            selected = selected.Where(c => keyspace.IsMatch(c.Configuration.Keyspace));
        }
        if (Index is not null)
        {
            var index = new WildcardPattern(Index, WildcardOptions.IgnoreCase);
            selected = selected.Where(c => index.IsMatch(c.Configuration.Index));
        }
        var candidates = selected.ToList();

        if (Name is null)
        {
            foreach (var checkpoint in candidates) WriteObject(new Synced.Checkpoint(checkpoint, directory));
            return;
        }

        var written = new HashSet<string>();
        foreach (var pattern in Name)
        {
            var matches = MatchByName(candidates, pattern).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteCheckpointNotFound(pattern, directory);
                continue;
            }
            foreach (var checkpoint in matches)
                if (written.Add(checkpoint.Name)) WriteObject(new Synced.Checkpoint(checkpoint, directory));
        }
    }
}
