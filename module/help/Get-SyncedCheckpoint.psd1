@{
    Synopsis    = 'Gets the checkpoints of sync configurations, with their watermarks per table and direction.'
    Description = @'
Gets the checkpoints in the state directory. A configuration is its clusters, keyspace and index (or its -Name); its checkpoint holds one watermark per table and direction (the Watermarks property: everything of that table, that way, before the watermark is synced), the oldest of them as End, and a summary of its last run. Without parameters it gets all of them. -Name takes names as Get-SyncedCheckpoint shows them (wildcards allowed); -Keyspace and -Index filter further.

A checkpoint file that cannot be read is a non-terminating error (CheckpointCorrupt) naming the file, and the other checkpoints are still listed; it is never taken for "no checkpoint". Remove it with Remove-SyncedCheckpoint (by the name the error shows) or replace it with Set-SyncedCheckpoint -Force. Checkpoint files of an older Synced are migrated in place when read.
'@
    Parameters  = @{
        Name      = 'Names of the checkpoints to get. Wildcards are allowed. A name without wildcards that matches nothing is a CheckpointNotFound error.'
        Keyspace  = 'Gets only checkpoints of configurations of this Cassandra keyspace. Wildcards are allowed.'
        Index     = 'Gets only checkpoints of configurations of this Elasticsearch index. Wildcards are allowed.'
        StatePath = 'The state directory. Default: $env:SYNCED_STATE_PATH, else %LOCALAPPDATA%\Synced on Windows and $XDG_STATE_HOME/synced or ~/.local/state/synced elsewhere.'
    }
    Inputs      = @{ 'System.String' = 'Checkpoint names.' }
    Outputs     = @{ 'Synced.Checkpoint' = 'One object per checkpoint.' }
    Examples    = @(
        @{
            Code    = 'Get-SyncedCheckpoint'
            Remarks = 'Lists every checkpoint in the default state directory.'
        }
        @{
            Code    = 'Get-SyncedCheckpoint -Keyspace app -StatePath /var/lib/synced'
            Remarks = 'Lists the checkpoints of keyspace app kept in /var/lib/synced.'
        }
        @{
            Code    = "Get-SyncedCheckpoint 'nightly*' | Format-List *"
            Remarks = 'Shows every property of the checkpoints whose names start with nightly.'
        }
        @{
            Code    = '(Get-SyncedCheckpoint -Keyspace app).Watermarks'
            Remarks = 'Lists the watermark of every table and direction of the app configurations.'
        }
    )
    Links       = @('Set-SyncedCheckpoint', 'Remove-SyncedCheckpoint', 'about_Synced')
}
