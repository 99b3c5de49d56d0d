@{
    Synopsis    = 'Syncs a Cassandra keyspace and an Elasticsearch index in both directions.'
    Description = @'
Reads every entry whose tmstmp lies in [Begin, End) from Cassandra and writes it to Elasticsearch if it is newer than the document there; then the same from Elasticsearch back to Cassandra. An entry is written only if it is newer than what the other side holds, compared at the precision both sides keep (milliseconds); equal is not newer. Runs are therefore idempotent: repeating or overlapping a range is safe.

A configuration is its clusters, keyspace and index (or its -Name). Its checkpoint holds one watermark per table and direction: everything of that table, that way, before the watermark is synced. Without -Begin each table starts at its own watermark minus -Overlap, or at 1970-01-01T00:00:00Z when it has none (a table created later, or by -CreateMissing, syncs from its beginning); without -End the run ends at the moment it starts. -Table, -ExcludeTable and -Direction choose which watermarks a run uses; they do not make another configuration. Each watermark moves to the end only when its table and direction finished with no failed entry.

A run that did not sync everything says so: its result's Status is Incomplete and its Problems say why and what to do; each failed entry is an EntryNotSynced error (table, id, direction, reason); and after the result comes a SyncIncomplete error whose target object is the result. Both directions always run first, even with -ErrorAction Stop or $ErrorActionPreference = 'Stop' (then failed entries go to -Verbose during the run, and SyncIncomplete, listing the first failures, stops the script at the end). pwsh -Command exits 1, and so does a pwsh -File script with $ErrorActionPreference = 'Stop'. A selected table that meets the contract but has no counterpart in the other store (and no -CreateMissing) makes the run incomplete; tables that do not meet the data contract are warnings and do not change the status. A -Table pattern that matches no table on either side is a TableNotFound error before anything runs. Unreachable clusters, bad credentials, a missing keyspace or index are terminating errors before anything is written.

How a run reads Cassandra: a table with a storage-attached index on tmstmp (Cassandra 5.0+) is read through it, so the nodes read about what changed; any other table is read with ALLOW FILTERING, so every node reads every row of the table on every run. -Verbose names the scan of each table; Get-SyncedTable shows it beforehand, and Add-SyncedIndex creates the index.

-WhatIf scans and compares both ways and reports what would be written, writing nothing and leaving the checkpoint alone. Ctrl+C stops the run within a second; only tables that finished before the stop move their watermarks.

The overlap covers entries that become visible to a scan later than their tmstmp says (refresh interval, ingest pipelines and bulk loaders, replica lag, writers whose clocks run behind this host). Anything later than the overlap is what Compare-SyncedData finds and Repair-SyncedData fixes.
'@
    Parameters  = @{
        Keyspace      = 'The Cassandra keyspace. All its tables that meet the data contract take part (see -Table).'
        Index         = 'The Elasticsearch index. With -IndexLayout PerTable (default) table T lives in index <index>-<t> and <index> is the alias over them.'
        Begin         = 'First change time to sync (included) for every table: a [datetime], [datetimeoffset], ISO 8601 string or unix epoch seconds. Default: each table''s watermark minus -Overlap, else 1970-01-01T00:00:00Z. A watermark moves only when the range starts at or before it (no gap can open behind it).'
        End           = 'First change time not synced (excluded), in the same forms as -Begin; at most one minute in the future. Default: the moment the run starts.'
        Overlap       = 'How far before each watermark a run without -Begin starts, so entries that became visible late (refresh interval, ingest pipelines, replica lag, clock skew between writers and this host) are not missed. A [timespan] or a number of seconds. Default: 2 minutes.'
        Table         = 'Tables to sync; wildcards allowed. Default: all tables of the keyspace and index. A pattern that matches no table on either side is a TableNotFound error.'
        ExcludeTable  = 'Tables to leave out; wildcards allowed.'
        Direction     = 'Both (default: Cassandra to Elasticsearch, then back), CassandraToElasticsearch or ElasticsearchToCassandra.'
        ConflictMode  = 'How writes into Elasticsearch stay safe. Compare (default): read the stored documents, write only newer ones with if_seq_no/if_primary_term, re-read on conflicts; correct whatever other writers do. ExternalVersion: version_type=external with the tmstmp in microseconds as version; faster, and safe only when every writer of the index uses the same external versions. Before the first write to an index a sample of its documents is checked; an index whose versions are not their tmstmp in microseconds is refused (its table fails, nothing is written).'
        CreateMissing = 'Creates a table or index that exists on one side only: an Elasticsearch index with an explicit mapping from the Cassandra columns, or a Cassandra table from the Elasticsearch mapping. Without it such a table is not synced and the run is incomplete (or leave it out with -ExcludeTable). It never creates indexes: Add-SyncedIndex creates the index on tmstmp that lets runs read only what changed.'
        Name          = 'A checkpoint name of your choosing; the checkpoint is then addressed by this name instead of the connection, keyspace and index parameters.'
        NoCheckpoint  = 'Neither reads nor writes the checkpoint: the range is -Begin (else the epoch) to -End (else now).'
        BatchSize     = 'Entries per upsert batch (1 to 10000). Default: 500.'
        Parallelism   = 'Batches in flight at once per table (1 to 64). Default: 4. Memory stays bounded by BatchSize x (Parallelism + 1) entries, whatever the table size.'
        WhatIf        = 'Scans and compares both ways and reports what would be written; writes nothing and leaves the checkpoint alone.'
        Confirm       = 'Asks before the run starts.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.RunResult' = 'One object, failed or not: range, status, problems, what happened to the watermarks, failed entries, and a Synced.TableResult per table and direction.' }
    Examples    = @(
        @{
            Code    = 'Invoke-SyncedRun -Keyspace app -Index app'
            Remarks = 'Syncs everything that changed since the last run of this configuration (each table from its watermark minus 2 minutes of overlap), both ways, against localhost.'
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
        @{
            Code    = @'
$ErrorActionPreference = 'Stop'
try { $result = Invoke-SyncedRun -Keyspace app -Index app -StatePath /var/lib/synced }
catch { $result = $_.TargetObject; Write-Error $_ -ErrorAction Continue; exit 1 }
'@
            Remarks = "In a script run with pwsh -File: both directions always run; a run that did not sync everything stops the script at the end with SyncIncomplete, whose TargetObject is the Synced.RunResult (Status, Problems, Failures)."
        }
    )
    Links       = @('Get-SyncedCheckpoint', 'Get-SyncedTable', 'Add-SyncedIndex', 'Test-SyncedConnection', 'about_Synced')
}
