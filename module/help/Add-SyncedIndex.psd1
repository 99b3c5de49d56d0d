@{
    Synopsis    = 'Creates the storage-attached index on tmstmp of Cassandra tables (Cassandra 5.0+), so that runs read only what changed instead of every row.'
    Description = @'
Without an index, a run reads a table's time range with token(id) > ? AND token(id) <= ? AND tmstmp >= ? AND tmstmp < ? ALLOW FILTERING: every node reads every row of the table from disk and drops those outside the range, so a run every few minutes over a table of 200 million rows that changed by 0.1% reads 200 million rows to find 200,000. With a storage-attached index (SAI) on tmstmp, Cassandra 5.0 serves the same restrictions through the index without ALLOW FILTERING, and a run reads about what changed. Get-SyncedTable shows which scan each table gets (Scan: IndexOnTmstmp or FullScan).

For each table named, Add-SyncedIndex runs CREATE INDEX <table>_tmstmp_sai ON <keyspace>.<table> (tmstmp) USING 'sai' and waits until every live node reports the new schema. A table that has a storage-attached index on tmstmp already (under any name) is left as it is and reported with Created = False. Nothing else creates indexes: Invoke-SyncedRun -CreateMissing does not.

Cassandra builds the index in the background, reading the whole table once; on a large table that takes a while and costs disk and CPU on every node, like a compaction, and the index takes disk space of its own. Until a node has built it, runs read that node's ranges with ALLOW FILTERING, as before, and say so in a warning; nothing is missed. Writes to an indexed table cost a little more. On Cassandra before 5.0 the index cannot exist: the cmdlet stops with IndexNotSupported and creates nothing.

Errors (ErrorId): TableNotFound (a name without wildcards that the keyspace does not have), TableOutsideContract (a table that does not meet the data contract: runs do not scan it; wildcards pass over such tables), IndexNotSupported (Cassandra before 5.0; terminating), IndexNotCreated (Cassandra refused the statement, e.g. without the ALTER permission on the table, or an index of that name on another column), and the connection errors of the other cmdlets (ClusterUnreachable, AuthenticationFailed, KeyspaceNotFound, ...).

The cmdlet talks to Cassandra only. It takes the same connection parameters as the other Synced cmdlets, so one splatted set works with all of them; the Elasticsearch ones are accepted and not used.
'@
    Parameters  = @{
        Keyspace = 'The Cassandra keyspace. Binds by property name from Get-SyncedTable output.'
        Table    = 'The tables to index; wildcards allowed (a wildcard passes over tables that do not meet the data contract). Binds by property name (alias Name) from Get-SyncedTable output.'
        WhatIf   = 'Shows the CREATE INDEX statement of each table without running it.'
        Confirm  = 'Asks before creating each index.'
        ElasticsearchUri        = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        ElasticsearchCredential = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        ElasticsearchApiKey     = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        ElasticsearchCertificateAuthorityPath = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        ElasticsearchCertificateFingerprint   = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        IndexLayout             = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        DiscriminatorField      = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used.'
        StatePath               = 'Accepted so that one set of connection parameters works with every Synced cmdlet; not used (the index is not part of a checkpoint).'
    }
    Inputs      = @{ 'Synced.SyncedTable' = 'Keyspace and Name bind by property name (Elasticsearch rows have no Keyspace: filter them out, e.g. on Scan).' }
    Outputs     = @{ 'Synced.SyncedIndex' = 'One object per table indexed: Keyspace, Table, Name (the index), Column, Created (False when the table had the index already), Statement.' }
    Examples    = @(
        @{
            Code    = 'Add-SyncedIndex -Keyspace app -Table users -WhatIf'
            Remarks = 'Shows the CREATE INDEX statement that would make runs over app.users read only what changed.'
        }
        @{
            Code    = 'Add-SyncedIndex -Keyspace app -Table users, orders -CassandraHost cass1, cass2 -CassandraCredential $cred'
            Remarks = 'Indexes two tables on a cluster that needs credentials.'
        }
        @{
            Code    = 'Get-SyncedTable app app | Where-Object Scan -eq FullScan | Add-SyncedIndex -Confirm'
            Remarks = 'Indexes every table that runs still read with a full scan, asking for each.'
        }
    )
    Links       = @('Get-SyncedTable', 'Invoke-SyncedRun', 'about_Synced')
}
