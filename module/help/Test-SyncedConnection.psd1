@{
    Synopsis    = 'Tests the connections to Cassandra and Elasticsearch.'
    Description = @'
Connects to each cluster with the given connection parameters and reports, per side, whether a node answered, whether the credentials were accepted, the server version, and (with -Keyspace / -Index) whether the keyspace and the index or alias exist. Problems are reported in the objects, not as errors, so the cmdlet suits health checks; -Quiet returns a single $true or $false.
'@
    Parameters  = @{
        Keyspace = 'Also checks that this Cassandra keyspace exists.'
        Index    = 'Also checks that this Elasticsearch index or alias exists.'
        Quiet    = 'Returns $true when both clusters are usable, else $false, instead of the objects.'
    }
    Inputs      = @{ 'None' = 'Nothing comes from the pipeline.' }
    Outputs     = @{ 'Synced.ConnectionTest' = 'One object per cluster.'; 'System.Boolean' = 'With -Quiet.' }
    Examples    = @(
        @{
            Code    = 'Test-SyncedConnection -CassandraHost db1,db2 -ElasticsearchUri https://es:9200 -ElasticsearchCredential (Get-Credential)'
            Remarks = 'Checks both clusters and shows versions and latency.'
        }
        @{
            Code    = 'if (-not (Test-SyncedConnection -Keyspace app -Index app -Quiet)) { throw "a cluster is down" }'
            Remarks = 'Stops a script early when either cluster, the keyspace or the index is not there.'
        }
    )
    Links       = @('Invoke-SyncedRun', 'Get-SyncedTable', 'about_Synced')
}
