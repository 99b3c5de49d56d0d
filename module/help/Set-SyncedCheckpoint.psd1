@{
    Synopsis    = "Creates or moves the watermarks of a sync configuration's checkpoint, per table and direction."
    Description = @'
A checkpoint holds one watermark per table and direction: everything of that table, that way, before the watermark is synced. The next run without -Begin starts each table at its own watermark minus the overlap window.

Without -Table, every watermark the checkpoint has (in -Direction) moves to -End, and a baseline is set for tables that have none yet: the next run gives -End to every table it finds, and a table that appears after that run starts at the beginning. With -Table, only those tables' watermarks move (a table name creates its watermark; a wildcard moves the watermarks that match).

Address the configuration with the connection parameters Invoke-SyncedRun takes (-Keyspace, -Index and the optional -CassandraHost, -CassandraPort, -ElasticsearchUri, with the same defaults), or by -Name: an existing checkpoint's name, or a new name of your choosing.

-End cannot lie in the future: entries written before it would never be synced. The checkpoint's lock is taken while it is written, so a running sync of the same configuration makes this fail (CheckpointLocked). A checkpoint file that cannot be read (CheckpointCorrupt) is replaced only with -Force; a file written by a newer Synced is never replaced (CheckpointNewerFormat).
'@
    Parameters  = @{
        Name             = 'The checkpoint name: an existing checkpoint as Get-SyncedCheckpoint shows it, or a new name (a named configuration, which Invoke-SyncedRun -Name uses).'
        Keyspace         = 'Cassandra keyspace of the configuration.'
        Index            = 'Elasticsearch index of the configuration.'
        CassandraHost    = 'Cassandra contact points, as host or host:port. Default: localhost.'
        CassandraPort    = 'Port of contact points given without one. Default: 9042.'
        ElasticsearchUri = 'Elasticsearch URIs. Default: http://localhost:9200.'
        Table            = 'The tables whose watermarks to set: names (a watermark is created), or wildcards matching the watermarks the checkpoint has. Default: every watermark, and a baseline for tables without one.'
        Direction        = 'The direction of the watermarks to set: Both (default), CassandraToElasticsearch or ElasticsearchToCassandra.'
        End              = 'The new watermark. A [datetime], [datetimeoffset], ISO 8601 string or unix epoch seconds; not in the future.'
        Force            = 'Replaces a checkpoint file that cannot be read. A file written by a newer Synced is never replaced.'
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
            Remarks = 'Says everything of every table of the default app <-> app configuration before 2015-02-01T00:00:00Z is synced (unix seconds, as the original CLI took them).'
        }
        @{
            Code    = 'Set-SyncedCheckpoint -Keyspace app -Index app -Table products -Direction ElasticsearchToCassandra -End 2015-01-01'
            Remarks = 'Moves one watermark: products, Elasticsearch to Cassandra. The next run re-reads products from Elasticsearch from 2015-01-01 (minus the overlap).'
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
