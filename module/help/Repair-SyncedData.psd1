@{
    Synopsis    = 'Writes the newer version of each differing id to the side that is older or lacks it, never over anything newer.'
    Description = @'
Repairs what Compare-SyncedData finds. Given -Keyspace and -Index (and optionally -Table, -ExcludeTable, -Begin and -End, as Compare-SyncedData takes them) it compares first and repairs each difference as it is found; given Synced.Difference objects from the pipeline (or any objects with Keyspace, Index, Table, Id and Kind, e.g. from Import-Csv) it repairs those.

For each difference it reads the current newest version of the id from the side that was newer, with all its values, and writes it to the other side through the same upsert-if-newer path as Invoke-SyncedRun: Elasticsearch documents are compared and written with optimistic concurrency, Cassandra gets a new version row. So a repair never overwrites anything newer: a version written by someone else since the comparison wins, and is counted as not newer. Differences are read and written in batches per table and direction (-BatchSize), so memory stays bounded however many there are. Checkpoints are never read or changed.

Hard deletes: a document or row deleted on one side is indistinguishable from one never synced, so a repair copies it back from the other side. Run Repair-SyncedData -WhatIf first: it lists every write it would make (MissingInCassandra and MissingInElasticsearch are the ones that would restore deleted entries) and returns the counts, writing nothing. -Confirm asks before each write.

It returns one Synced.RepairResult per keyspace and index, with a Synced.RepairTableResult per table and direction (read, written, not newer, failed). A difference that cannot be repaired (the newer side no longer holds the id, the other side rejects the value, a table is missing) writes an EntryNotSynced error and the others go on; when anything failed, or the comparison could not cover everything, the command ends with a SyncIncomplete error after its result (its target object is the result), so pwsh -Command exits non-zero and $r = Repair-SyncedData ... keeps the result, as Invoke-SyncedRun does; with -ErrorAction Stop (or $ErrorActionPreference = 'Stop') the error is terminating, after every difference was tried. Connection problems and bad parameters fail before anything is written. Ctrl+C stops within a second; what was written stays written, and a repair can always be run again.
'@
    Parameters  = @{
        Keyspace     = 'The Cassandra keyspace. From the pipeline: the Keyspace property of each difference.'
        Index        = 'The Elasticsearch index (PerTable: the alias over the table indices). From the pipeline: the Index property of each difference.'
        Table        = 'When comparing first: tables to compare and repair, wildcards allowed (default: all). From the pipeline: the table of each difference (one name).'
        ExcludeTable = 'When comparing first: tables to leave out; wildcards allowed.'
        Begin        = 'When comparing first: only ids whose newest version on a side changed at or after this time count, as Compare-SyncedData -Begin.'
        End          = 'When comparing first: only ids whose newest version on a side changed before this time count, as Compare-SyncedData -End.'
        Id           = 'The id of one difference; bound from the pipeline (the Id property of Synced.Difference).'
        Kind         = 'How one difference goes (MissingInElasticsearch, MissingInCassandra, ElasticsearchOlder, CassandraOlder), which decides the side read and the side written; bound from the pipeline.'
        BatchSize    = 'Differences of one table and direction read and written together (1 to 10000). Default: 500.'
        WhatIf       = 'Lists every write the repair would make (including restores of entries deleted on one side) and returns the counts as WouldWrite; writes nothing.'
        Confirm      = 'Asks before each write.'
        StatePath    = 'Not used: Repair-SyncedData reads and writes no checkpoint. Accepted so that the parameters of Invoke-SyncedRun can be passed as they are.'
    }
    Inputs      = @{ 'Synced.Difference' = 'Differences from Compare-SyncedData, or any objects with Keyspace, Index, Table, Id and Kind properties.' }
    Outputs     = @{ 'Synced.RepairResult' = 'One object per keyspace and index: Status (Succeeded, Incomplete, WhatIf), counts, and a Synced.RepairTableResult per table and direction.' }
    Examples    = @(
        @{
            Code    = 'Repair-SyncedData -Keyspace app -Index app -WhatIf'
            Remarks = 'Compares both sides and lists what a repair would write, entry by entry, writing nothing. Entries deleted on one side show as copies to that side.'
        }
        @{
            Code    = 'Repair-SyncedData -Keyspace app -Index app'
            Remarks = 'Compares both sides and writes the newer version of every differing id to the other side.'
        }
        @{
            Code    = 'Compare-SyncedData app app -Table users | Where-Object Kind -ne MissingInCassandra | Repair-SyncedData'
            Remarks = 'Repairs the differences of table users except ids missing in Cassandra (for instance because they were deleted there on purpose).'
        }
        @{
            Code    = 'Import-Csv differences.csv | Repair-SyncedData -CassandraHost db1 -ElasticsearchUri https://es1:9200 -Confirm'
            Remarks = 'Repairs differences saved earlier with Compare-SyncedData | Export-Csv, asking before each write.'
        }
        @{
            Code    = '$r = Repair-SyncedData app app; $r.Tables | Format-Table'
            Remarks = 'Keeps the result even when some differences could not be repaired (the SyncIncomplete error comes after it), and shows what was done per table and direction.'
        }
    )
    Links       = @('Compare-SyncedData', 'Invoke-SyncedRun', 'about_Synced')
}
