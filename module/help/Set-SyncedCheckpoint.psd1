@{
    Synopsis    = 'Creates or moves the checkpoint of a sync configuration.'
    Description = @'
Sets the checkpoint of a sync configuration to -End: the next run without -Begin starts there (minus the overlap window). Address the configuration with the same parameters Invoke-SyncedRun takes (-Keyspace, -Index and the optional -CassandraHost, -CassandraPort, -ElasticsearchUri, -Table, -ExcludeTable, -Direction, with the same defaults), or by -Name: an existing checkpoint's name, or a new name of your choosing.

-End cannot lie in the future: entries written before it would never be synced. The checkpoint's lock is taken while it is written, so a running sync of the same configuration makes this fail (CheckpointLocked).
'@
    Parameters  = @{
        Name             = 'The checkpoint name: an existing checkpoint as Get-SyncedCheckpoint shows it, or a new name (a named configuration, which Invoke-SyncedRun -Name uses).'
        Keyspace         = 'Cassandra keyspace of the configuration.'
        Index            = 'Elasticsearch index of the configuration.'
        CassandraHost    = 'Cassandra contact points, as host or host:port. Default: localhost.'
        CassandraPort    = 'Port of contact points given without one. Default: 9042.'
        ElasticsearchUri = 'Elasticsearch URIs. Default: http://localhost:9200.'
        Table            = 'Tables of the configuration; wildcards allowed. Default: all tables.'
        ExcludeTable     = 'Tables left out of the configuration; wildcards allowed.'
        Direction        = 'Direction of the configuration: Both (default), CassandraToElasticsearch or ElasticsearchToCassandra.'
        End              = 'The new checkpoint. A [datetime], [datetimeoffset], ISO 8601 string or unix epoch seconds; not in the future.'
        PassThru         = 'Writes the checkpoint to the pipeline.'
        StatePath        = 'The state directory. Default: $env:SYNCED_STATE_PATH, else the per-user state directory.'
        WhatIf           = 'Shows what would change without writing.'
        Confirm          = 'Asks before writing.'
    }
    Inputs      = @{ 'Synced.Checkpoint' = 'Name, End and StatePath bind by property name.' }
    Outputs     = @{ 'Synced.Checkpoint' = 'With -PassThru, the checkpoint written.' }
    Examples    = @(
        @{
            Code    = 'Set-SyncedCheckpoint -Keyspace app -Index app -End 1422748800'
            Remarks = 'Sets the checkpoint of the default app <-> app configuration to 2015-02-01T00:00:00Z (unix seconds, as the original CLI took them).'
        }
        @{
            Code    = "Set-SyncedCheckpoint -Name nightly -Keyspace app -Index app -End '2015-01-01T00:00:00Z' -PassThru"
            Remarks = 'Creates the named checkpoint nightly and shows it.'
        }
        @{
            Code    = 'Get-SyncedCheckpoint app-* | Set-SyncedCheckpoint -End (Get-Date).AddDays(-1) -WhatIf'
            Remarks = 'Shows which checkpoints would move back to one day ago.'
        }
    )
    Links       = @('Get-SyncedCheckpoint', 'Remove-SyncedCheckpoint', 'about_Synced')
}
