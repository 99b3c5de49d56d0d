@{
    Synopsis    = 'Syncs a Cassandra keyspace and an Elasticsearch index in both directions.'
    Description = @'
Reads every entry whose tmstmp lies in [Begin, End) from Cassandra and writes it to Elasticsearch if it is newer than the document there; then the same from Elasticsearch back to Cassandra. An entry is written only if it is newer than what the other side holds, compared at the precision both sides keep (milliseconds); equal is not newer. Runs are therefore idempotent: repeating or overlapping a range is safe.

Without -Begin the run starts at its configuration's checkpoint minus -Overlap (else at 1970-01-01T00:00:00Z); without -End it ends at the moment it starts. When nothing failed, the checkpoint moves to the end. A run with any failed entry writes one EntryNotSynced error per entry, leaves the checkpoint where it was, and ends with a terminating SyncIncomplete error after its result, so pwsh -Command exits non-zero for a scheduler. Unreachable clusters, bad credentials, a missing keyspace or index are terminating errors before anything is written. Tables that do not meet the data contract are reported as warnings and skipped.

-WhatIf scans and compares both ways and reports what would be written, writing nothing and leaving the checkpoint alone. Ctrl+C stops the run within a second; the checkpoint is not touched.
'@
    Parameters  = @{
        Keyspace      = 'The Cassandra keyspace. All its tables that meet the data contract take part (see -Table).'
        Index         = 'The Elasticsearch index. With -IndexLayout PerTable (default) table T lives in index <index>-<t> and <index> is the alias over them.'
        Begin         = 'First change time to sync (included): a [datetime], [datetimeoffset], ISO 8601 string or unix epoch seconds. Default: the checkpoint minus -Overlap, else 1970-01-01T00:00:00Z.'
        End           = 'First change time not synced (excluded), in the same forms as -Begin; at most one minute in the future. Default: the moment the run starts.'
        Overlap       = 'How far before the checkpoint a run without -Begin starts, so entries that became visible late (refresh interval, replica lag, clock skew) are not missed. A [timespan] or a number of seconds. Default: 5 seconds.'
        Table         = 'Tables to sync; wildcards allowed. Default: all tables of the keyspace and index.'
        ExcludeTable  = 'Tables to leave out; wildcards allowed.'
        Direction     = 'Both (default: Cassandra to Elasticsearch, then back), CassandraToElasticsearch or ElasticsearchToCassandra.'
        ConflictMode  = 'How writes into Elasticsearch stay safe. Compare (default): read the stored documents, write only newer ones with if_seq_no/if_primary_term, re-read on conflicts; correct whatever other writers do. ExternalVersion: version_type=external with the tmstmp in microseconds as version; faster, and safe only when every writer of the index uses the same external versions. Before the first write to an index a sample of its documents is checked; an index whose versions are not their tmstmp in microseconds is refused (its table fails, nothing is written).'
        CreateMissing = 'Creates a table or index that exists on one side only: an Elasticsearch index with an explicit mapping from the Cassandra columns, or a Cassandra table from the Elasticsearch mapping. Without it such tables are reported and skipped.'
        Name          = 'A checkpoint name of your choosing; the checkpoint is then addressed by this name instead of the connection, keyspace, index, table and direction parameters.'
        NoCheckpoint  = 'Neither reads nor writes the checkpoint: the range is -Begin (else the epoch) to -End (else now).'
        BatchSize     = 'Entries per upsert batch (1 to 10000). Default: 500.'
        Parallelism   = 'Batches in flight at once per table (1 to 64). Default: 4. Memory stays bounded by BatchSize x (Parallelism + 1) entries, whatever the table size.'
        WhatIf        = 'Scans and compares both ways and reports what would be written; writes nothing and leaves the checkpoint alone.'
        Confirm       = 'Asks before the run starts.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.RunResult' = 'One object: range, status, what happened to the checkpoint, and a Synced.TableResult per table and direction.' }
    Examples    = @(
        @{
            Code    = 'Invoke-SyncedRun -Keyspace app -Index app'
            Remarks = 'Syncs everything that changed since the last run of this configuration (minus 5 seconds of overlap), both ways, against localhost.'
        }
        @{
            Code    = 'Invoke-SyncedRun -Keyspace app -Index app -Begin 1420070400 -End 1422748800'
            Remarks = "Syncs January 2015 (unix seconds, as the original CLI's -b and -e took them). The checkpoint moves only if this range starts at or before it."
        }
        @{
            Code    = 'Invoke-SyncedRun app app -CassandraHost db1,db2 -CassandraCredential $cred -ElasticsearchUri https://es1:9200 -ElasticsearchApiKey $key -WhatIf'
            Remarks = 'Shows what a run against production would write, writing nothing.'
        }
        @{
            Code    = 'pwsh -NoProfile -Command "Import-Module Synced; Invoke-SyncedRun -Keyspace app -Index app -StatePath /var/lib/synced"'
            Remarks = 'From cron or Task Scheduler: the process exits non-zero when anything failed.'
        }
    )
    Links       = @('Get-SyncedCheckpoint', 'Get-SyncedTable', 'Test-SyncedConnection', 'about_Synced')
}
