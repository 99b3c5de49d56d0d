@{
    Synopsis    = 'Removes checkpoints (or checkpoint files that cannot be read), so the next run of their configuration starts from the epoch.'
    Description = @'
Deletes checkpoint files from the state directory. A file that cannot be read (reported by Get-SyncedCheckpoint as CheckpointCorrupt) is addressed by its file name without the extension. The next run of such a configuration without -Begin syncs everything from 1970-01-01T00:00:00Z, which is safe (upserts only land when newer) but may take long. Asks for confirmation unless -Confirm:$false is given.
'@
    Parameters  = @{
        Name      = 'Names of the checkpoints to remove; wildcards allowed. Binds from Synced.Checkpoint objects on the pipeline.'
        StatePath = 'The state directory. Default: $env:SYNCED_STATE_PATH, else the per-user state directory.'
        WhatIf    = 'Shows what would be removed without removing it.'
        Confirm   = 'Asks before removing each checkpoint (the default).'
    }
    Inputs      = @{ 'Synced.Checkpoint' = 'Name and StatePath bind by property name.'; 'System.String' = 'Checkpoint names.' }
    Outputs     = @{ 'None' = 'Nothing.' }
    Examples    = @(
        @{
            Code    = 'Remove-SyncedCheckpoint -Name nightly -Confirm:$false'
            Remarks = 'Removes the checkpoint named nightly without asking.'
        }
        @{
            Code    = 'Get-SyncedCheckpoint -Keyspace app | Remove-SyncedCheckpoint -WhatIf'
            Remarks = 'Shows which checkpoints of keyspace app would be removed.'
        }
    )
    Links       = @('Get-SyncedCheckpoint', 'Set-SyncedCheckpoint', 'about_Synced')
}
