@{
    Synopsis    = 'Lists the tables of a keyspace and the types of an index, whether each meets the data contract, and how a run scans each Cassandra table.'
    Description = @'
Connects to both clusters and lists every Cassandra table of the keyspace and every Elasticsearch type of the index (PerTable: the indices <index>-<t>; SingleIndex: the values of the discriminator field), each with whether it meets the data contract (id uuid / keyword, tmstmp timeuuid / date, Cassandra primary key (id, tmstmp)) and why not, and whether the other side has a table of the same name.

For each Cassandra table that meets the contract, Scan says how a run reads its time range: IndexOnTmstmp (through the storage-attached index named in ScanIndex: the nodes read only the entries in the range, so a run costs about what changed) or FullScan (ALLOW FILTERING: every node reads every row of the table, however little changed). For a FullScan on Cassandra 5.0 or later, CreateIndexStatement is the one statement that creates the index (Add-SyncedIndex runs it for you); before 5.0, ScanNote says that the index needs 5.0.
'@
    Parameters  = @{
        Keyspace = 'The Cassandra keyspace.'
        Index    = 'The Elasticsearch index (PerTable: the alias over the table indices).'
        Table    = 'Only these tables; wildcards allowed.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.SyncedTable' = 'One object per table and side: Side, Name, Location, Keyspace (Cassandra), MeetsContract, Reason, OnOtherSide, Columns, Scan, ScanIndex, CreateIndexStatement, ScanNote.' }
    Examples    = @(
        @{
            Code    = 'Get-SyncedTable -Keyspace app -Index app'
            Remarks = 'Shows which tables take part in a sync of app and which are skipped, and why.'
        }
        @{
            Code    = 'Get-SyncedTable app app | Where-Object { -not $_.MeetsContract } | Format-List Side, Location, Reason'
            Remarks = 'Lists only the tables that break the contract, with the reason.'
        }
        @{
            Code    = 'Get-SyncedTable app app | Where-Object Scan -eq FullScan | Format-List Location, CreateIndexStatement, ScanNote'
            Remarks = 'Lists the Cassandra tables every run reads in full, with the statement that would index them (or why the cluster cannot).'
        }
    )
    Links       = @('Invoke-SyncedRun', 'Add-SyncedIndex', 'Test-SyncedConnection', 'about_Synced')
}
