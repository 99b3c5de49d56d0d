# The script examples/synced.service runs: a sync every minute until systemd stops the service.
# Credentials come from systemd's LoadCredential= (files under $env:CREDENTIALS_DIRECTORY), so no password is
# ever on a command line, in the unit or in the journal.
$ErrorActionPreference = 'Stop' # a run's errors stay warnings in continuous mode; only a fatal error ends the loop
Import-Module Synced

$credentials = $env:CREDENTIALS_DIRECTORY
$cassandraPassword = Get-Content -Raw (Join-Path $credentials 'cassandra-password') | ForEach-Object Trim | ConvertTo-SecureString -AsPlainText -Force
$elasticsearchApiKey = Get-Content -Raw (Join-Path $credentials 'elasticsearch-api-key') | ForEach-Object Trim | ConvertTo-SecureString -AsPlainText -Force

$sync = @{
    Keyspace                = 'app'
    Index                   = 'app'
    CassandraHost           = 'db1.example.com', 'db2.example.com'
    CassandraCredential     = [pscredential]::new('synced', $cassandraPassword)
    CassandraDataCenter     = 'dc1'
    ElasticsearchUri        = 'https://es1.example.com:9200', 'https://es2.example.com:9200'
    ElasticsearchApiKey     = $elasticsearchApiKey
    Interval                = '00:01:00'
    MetricsPath             = '/var/lib/node_exporter/textfile_collector/synced.prom'
    MetricsPort             = 9464
    InformationAction       = 'Continue' # one Synced.Summary line per run in the journal
}
# The results go nowhere: the summary line says what each run did, and the metrics keep the numbers.
Invoke-SyncedRun @sync | Out-Null
