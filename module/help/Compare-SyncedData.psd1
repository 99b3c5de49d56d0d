@{
    Synopsis    = 'Compares the newest version of every id in Cassandra and Elasticsearch and lists the ids that differ.'
    Description = @'
For each table of the keyspace and its type in the index (see -Table), compares the newest version each side holds of every id, at the precision both sides keep (milliseconds; equal is no difference), and writes one Synced.Difference per id that differs: MissingInElasticsearch, MissingInCassandra, ElasticsearchOlder or CassandraOlder. With -Summary it writes one Synced.ComparisonSummary per table instead. It answers "do both sides agree?" exactly, whatever a sync run may have missed: documents that became visible later than the run's overlap, failed or skipped entries, manual edits, bugs. Repair-SyncedData fixes what it finds.

It reads only ids and tmstmps, never the other values, and reads both sides at the same time. Its memory does not grow with the size of the tables: each side is read once into fixed-size digests per token bucket (the Murmur3 token Cassandra computes for the id), which yield the differing ids directly when few differ (up to tens of thousands of versions). When more differ, only the token buckets whose digests differ are read again, Cassandra by token range and Elasticsearch by one more scan, in rounds that hold a bounded number of ids. Nothing is written, and no checkpoint is read or changed.

Without -Begin and -End every id counts. With them, an id counts on a side when the newest version that side holds lies in [Begin, End) (in whole milliseconds), and it is reported when it counts on at least one side and the two differ: an id newer on one side than -End, or older on the other than -Begin, is still found.

On Cassandra the ids and tmstmps are read by token range, as a sync run reads: a page lost with its node is asked for again from another replica, and a read that times out (or fails on too many tombstones) is split into smaller ranges before the table is given up with the tokens and what to do. With -Begin, a table with a storage-attached index on tmstmp (Cassandra 5.0, see Add-SyncedIndex) is read through it, so the nodes read only what changed since -Begin; without the index the same read needs ALLOW FILTERING and reads every row.

Hard deletes: a document or row deleted on one side and still present on the other looks exactly like one that was never synced, and is reported as missing on the side where it was deleted. Repair-SyncedData would copy it back; use Repair-SyncedData -WhatIf to see what it would restore before it does.

Tables on one side only, and tables that do not meet the data contract, are reported as warnings and not compared. A -Table pattern that matches no table is a terminating TableNotFound error. A table whose reading fails writes a TableNotCompared error, and an entry a side cannot read (a document without a UUID id or a readable tmstmp) an EntryNotCompared error; either ends the command with a ComparisonIncomplete error after its output, so pwsh -Command exits non-zero while $d = Compare-SyncedData ... keeps the differences found; with -ErrorAction Stop the error is terminating, after everything was compared. Connection problems and bad parameters fail before anything is read, with the same error ids as Invoke-SyncedRun. Ctrl+C stops within a second.
'@
    Parameters  = @{
        Keyspace     = 'The Cassandra keyspace. All its tables that meet the data contract are compared (see -Table).'
        Index        = 'The Elasticsearch index. With -IndexLayout PerTable (default) table T lives in index <index>-<t> and <index> is the alias over them.'
        Table        = 'Tables to compare; wildcards allowed. Default: every table of the keyspace and index. A pattern that matches no table on either side is a TableNotFound error.'
        ExcludeTable = 'Tables to leave out; wildcards allowed.'
        Begin        = 'Only ids whose newest version on a side changed at or after this time count on that side: a [datetime], [datetimeoffset], ISO 8601 string or unix epoch seconds. Default: no lower bound.'
        End          = 'Only ids whose newest version on a side changed before this time count on that side, in the same forms as -Begin. Default: no upper bound.'
        Summary      = 'Writes one Synced.ComparisonSummary per table (ids on each side, differences per kind, duration) instead of one Synced.Difference per differing id.'
        StatePath    = 'Not used: Compare-SyncedData reads and writes no checkpoint. Accepted so that the parameters of Invoke-SyncedRun can be passed as they are.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{
        'Synced.Difference'        = 'One object per differing id: Keyspace, Index, Table, Id, CassandraTmstmp, ElasticsearchTmstmp (UTC, whole milliseconds, empty where a side lacks the id) and Kind. Piped into Repair-SyncedData, it is repaired.'
        'Synced.ComparisonSummary' = 'With -Summary, one object per table: Status (Compared, Skipped, Failed), CassandraIds, ElasticsearchIds, the count of each kind of difference, Unreadable, Duration and Message.'
    }
    Examples    = @(
        @{
            Code    = 'Compare-SyncedData -Keyspace app -Index app -Summary'
            Remarks = 'Tells, per table, whether both sides hold the same newest version of every id, and how many ids differ in each way.'
        }
        @{
            Code    = 'Compare-SyncedData app app -Table users | Group-Object Kind -NoElement'
            Remarks = 'Lists the ids of table users that differ, counted by kind.'
        }
        @{
            Code    = 'Compare-SyncedData app app -Begin (Get-Date).AddDays(-1) | Export-Csv differences.csv'
            Remarks = 'Compares the ids that changed during the last day on either side, and keeps the differences for later (Import-Csv differences.csv | Repair-SyncedData repairs them).'
        }
        @{
            Code    = 'Compare-SyncedData app app -Table orders | Repair-SyncedData -WhatIf'
            Remarks = 'Shows what a repair would write, including documents or rows that were deleted on one side and would be restored from the other.'
        }
        @{
            Code    = 'pwsh -NoProfile -Command "Import-Module Synced; if (Compare-SyncedData app app -CassandraHost db1 -ElasticsearchUri https://es1:9200) { exit 3 }"'
            Remarks = 'A nightly check for a scheduler: exits 3 when anything differs, and non-zero as well when the comparison itself failed.'
        }
    )
    Links       = @('Repair-SyncedData', 'Invoke-SyncedRun', 'Get-SyncedTable', 'about_Synced')
}
