@{
    Synopsis    = 'Gets the checkpoints of sync configurations.'
    Description = @'
Gets the checkpoints in the state directory: for each sync configuration, the end of its last complete run and a summary of its last run. Without parameters it gets all of them. -Name takes names as Get-SyncedCheckpoint shows them (wildcards allowed); -Keyspace and -Index filter further.

A checkpoint file that cannot be read is a terminating error (CheckpointCorrupt) naming the file; it is never taken for "no checkpoint".
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
    )
    Links       = @('Set-SyncedCheckpoint', 'Remove-SyncedCheckpoint', 'about_Synced')
}
