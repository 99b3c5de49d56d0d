@{
    Synopsis    = 'Syncs a Cassandra keyspace and an Elasticsearch index in both directions.'
    Description = @'
Reads every entry whose tmstmp lies in [Begin, End) from Cassandra and writes it to Elasticsearch if it is newer than the document there; then the same from Elasticsearch back to Cassandra. An entry is written only if it is newer than what the other side holds, compared at the precision both sides keep (milliseconds); equal is not newer. Runs are therefore idempotent: repeating or overlapping a range is safe.

A configuration is its clusters, keyspace and index (or its -Name). Its checkpoint holds one watermark per table and direction: everything of that table, that way, before the watermark is synced. Without -Begin each table starts at its own watermark minus -Overlap, or at 1970-01-01T00:00:00Z when it has none (a table created later, or by -CreateMissing, syncs from its beginning); without -End the run ends at the moment it starts. -Table, -ExcludeTable and -Direction choose which watermarks a run uses; they do not make another configuration. Each watermark moves to the end only when its table and direction finished with no failed entry.

A run that did not sync everything says so: its result's Status is Incomplete and its Problems say why and what to do; each failed entry is an EntryNotSynced error (table, id, direction, reason); and after the result comes a SyncIncomplete error whose target object is the result. Both directions always run first, even with -ErrorAction Stop or $ErrorActionPreference = 'Stop' (then failed entries go to -Verbose during the run, and SyncIncomplete, listing the first failures, stops the script at the end). pwsh -Command exits 1, and so does a pwsh -File script with $ErrorActionPreference = 'Stop'. A selected table that meets the contract but has no counterpart in the other store (and no -CreateMissing) makes the run incomplete; tables that do not meet the data contract are warnings and do not change the status. A -Table pattern that matches no table on either side is a TableNotFound error before anything runs. Unreachable clusters, bad credentials, a missing keyspace or index are terminating errors before anything is written.

How a run reads Cassandra: a table with a storage-attached index on tmstmp (Cassandra 5.0+) is read through it, so the nodes read about what changed; any other table is read with ALLOW FILTERING, so every node reads every row of the table on every run. -Verbose names the scan of each table; Get-SyncedTable shows it beforehand, and Add-SyncedIndex creates the index.

-WhatIf scans and compares both ways and reports what would be written, writing nothing and leaving the checkpoint alone. Ctrl+C stops the run within a second; only tables that finished before the stop move their watermarks.

With -Interval the cmdlet keeps syncing until it is stopped, for systemd, containers and Windows services: one pair of connections for its whole life, one run at a time, the next one at the first interval tick after the previous one ended (ticks missed while a run took longer are skipped, never queued). Each run writes its Synced.RunResult to the pipeline as it ends. A run that fails (Incomplete, or an error such as an unreachable cluster) is reported as a non-terminating error and in its result, and the loop goes on: after n failed runs in a row the next one waits -Interval x 2^(n-1), at most -MaxBackoff; a run that failed on an error (or a table that stopped on one) makes the next run connect afresh, which is how a restarted cluster is picked up. Only what cannot get better by itself ends the loop: a damaged checkpoint, an unusable state directory, and, before the first run got through, credentials, TLS, a keyspace, index or table pattern the clusters refuse. Ctrl+C, SIGTERM (systemd, docker stop, Kubernetes) and a Windows service stop end the run under way at a safe point: only tables that finished move their watermarks, the lock is released, and after SIGTERM pwsh exits with 0. With $ErrorActionPreference = 'Stop' the errors of a run come as warnings instead, so they do not end the loop.

Each run writes one summary line to the Information stream, tagged Synced.Summary: time, configuration, status, counts, duration, the oldest watermark (and, continuously, the next run). -InformationAction Continue shows it, one greppable line per run in a cron or service log.

-MetricsPath writes Prometheus metrics after every run, atomically (a temporary file in the same directory, then a rename: the convention of node_exporter's textfile collector): last run start, end, duration and status, last success, the failed-run streak (kept in the checkpoint from one cron run to the next), entries read, written, not newer and failed per table and direction (counters that carry on from the previous file), each watermark and its lag. In continuous mode -MetricsPort also serves them on http://127.0.0.1:port/metrics.

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
        Verify        = 'After the run, compares its range on both sides (the newest version of every id, ids and tmstmps only, as Compare-SyncedData does) and reports each difference as a warning, then a count per table; the result''s VerifiedDifferences and Verification hold them. A difference right after a run may be passing (an entry changed during the run); Repair-SyncedData fixes what stays.'
        NoCheckpoint  = 'Neither reads nor writes the checkpoint: the range is -Begin (else the epoch) to -End (else now).'
        BatchSize     = 'Entries per upsert batch (1 to 10000). Default: 500.'
        Parallelism   = 'Batches in flight at once per table (1 to 64). Default: 4. Memory stays bounded by BatchSize x (Parallelism + 1) entries, whatever the table size.'
        Interval      = 'Keeps syncing until stopped, one run per interval (a [timespan] or a number of seconds, from 1 second to 7 days), on one pair of connections; the next run starts at the first interval tick after the previous one ended. Cannot be combined with -Begin, -End or -NoCheckpoint (every run goes from each watermark to the moment it starts). Stops at a safe point on Ctrl+C, SIGTERM or a Windows service stop.'
        MaxBackoff    = 'With -Interval: the longest wait after failed runs. After n failed runs in a row the next waits -Interval x 2^(n-1), at most this (never less than -Interval). A [timespan] or a number of seconds. Default: 10 minutes.'
        MetricsPath   = 'Writes the Prometheus text exposition format to this file after every run, replacing it atomically (a temporary file in the same directory, then a rename). Its directory must exist; node_exporter''s textfile collector reads files ending in .prom. Counters carry on from the file the previous run left. -WhatIf writes none.'
        MetricsPort   = 'With -Interval: also serves the metrics on http://<-MetricsAddress>:<port>/metrics for Prometheus to scrape.'
        MetricsAddress = 'The address -MetricsPort listens on. Default: 127.0.0.1, this machine only; 0.0.0.0 (or ::) to be scraped from elsewhere, e.g. in a container.'
        WhatIf        = 'Scans and compares both ways and reports what would be written; writes nothing and leaves the checkpoint alone. With -Interval, previews a single run.'
        Confirm       = 'Asks before the run starts.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.RunResult' = 'One object per run, failed or not (with -Interval, one as each run ends): range, status (Succeeded, Incomplete, WhatIf, Stopped), problems, what happened to the watermarks, failed entries, and a Synced.TableResult per table and direction. A single run that failed before it had a result (an unreachable cluster) writes no object, only its error and summary line; with -Interval such a run writes a result too, with Status Failed (or Skipped when another run held the lock), its error as the one problem, and NextRunAt.' }
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
