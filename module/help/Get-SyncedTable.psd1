@{
    Synopsis    = 'Lists the tables of a keyspace and the types of an index, and whether each meets the data contract.'
    Description = @'
Connects to both clusters and lists every Cassandra table of the keyspace and every Elasticsearch type of the index (PerTable: the indices <index>-<t>; SingleIndex: the values of the discriminator field), each with whether it meets the data contract (id uuid / keyword, tmstmp timeuuid / date, Cassandra primary key (id, tmstmp)) and why not, and whether the other side has a table of the same name.
'@
    Parameters  = @{
        Keyspace = 'The Cassandra keyspace.'
        Index    = 'The Elasticsearch index (PerTable: the alias over the table indices).'
        Table    = 'Only these tables; wildcards allowed.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.SyncedTable' = 'One object per table and side.' }
    Examples    = @(
        @{
            Code    = 'Get-SyncedTable -Keyspace app -Index app'
            Remarks = 'Shows which tables take part in a sync of app and which are skipped, and why.'
        }
        @{
            Code    = 'Get-SyncedTable app app | Where-Object { -not $_.MeetsContract } | Format-List Side, Location, Reason'
            Remarks = 'Lists only the tables that break the contract, with the reason.'
        }
    )
    Links       = @('Invoke-SyncedRun', 'Test-SyncedConnection', 'about_Synced')
}
